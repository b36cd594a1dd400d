// Implementation of scoring/model_parser.hpp: JSON text in and out; the document tree lives in
// detail/model_json_*.cpp, YAML in detail/model_yaml.cpp, the checks in
// detail/model_validation.cpp.
#include "scoring/model_parser.hpp"

#include <map>
#include <set>
#include <vector>

#include "scoring/detail/model_json.hpp"
#include "scoring/detail/model_path.hpp"
#include "scoring/detail/model_yaml.hpp"

namespace lb::scoring {

namespace {

using detail::Json;

// nlohmann's what() is "[json.exception.parse_error.101] parse error at line 1, column 2: <why>";
// the byte offset is reported on its own, so keep only <why>.
std::string ParseErrorReason(std::string_view what) {
    const std::size_t column = what.find("column ");
    const std::size_t colon = what.find(": ", column == std::string_view::npos ? 0 : column);
    return std::string(colon == std::string_view::npos ? what : what.substr(colon + 2));
}

// JSON allows a key twice and keeps the last; in a model that hides a mistake, so the parser
// follows the path of every container and stops at the first repeated key.
class DuplicateKeyFinder final {
public:
    struct Found {
        std::string path;
    };

    // A nlohmann parser callback; throws Found at the first repeated key.
    bool operator()(int /*depth*/, Json::parse_event_t event, Json& parsed) {
        switch (event) {
            case Json::parse_event_t::object_start:
            case Json::parse_event_t::array_start:
                OpenContainer(event == Json::parse_event_t::array_start);
                break;
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                frames_.pop_back();
                break;
            case Json::parse_event_t::key: {
                Frame& frame = frames_.back();
                frame.key = parsed.get<std::string>();
                if (!frame.keys.insert(frame.key).second)
                    throw Found{detail::JoinPath(frame.path, frame.key)};
                break;
            }
            case Json::parse_event_t::value:
                static_cast<void>(ChildPath());
                break;
        }
        return true;
    }

private:
    struct Frame {
        std::string path;
        bool is_array = false;
        std::size_t next_index = 0;
        std::string key;
        std::set<std::string, std::less<>> keys;
    };

    void OpenContainer(bool is_array) {
        Frame frame;
        frame.path = ChildPath();
        frame.is_array = is_array;
        frames_.push_back(std::move(frame));
    }

    // The path of the value that starts now (an array counts it as its next item).
    std::string ChildPath() {
        if (frames_.empty()) return "";
        Frame& parent = frames_.back();
        if (parent.is_array) return detail::IndexPath(parent.path, parent.next_index++);
        return detail::JoinPath(parent.path, parent.key);
    }

    std::vector<Frame> frames_;
};

Result<Json> ParseJsonText(std::string_view text) {
    try {
        return Json::parse(text, DuplicateKeyFinder());
    } catch (const Json::parse_error& e) {
        return Fail(InvalidArgument("malformed JSON at byte " + std::to_string(e.byte) + ": " +
                                    ParseErrorReason(e.what())));
    } catch (const DuplicateKeyFinder::Found& found) {
        return Fail(detail::PathError(found.path, "duplicate key"));
    }
}

// The error of a model inside a list: "rules[0].id" becomes "[2].rules[0].id".
Error InList(Error error, const std::string& prefix) {
    error.message = detail::JoinPath(prefix, error.message);
    error.field = detail::JoinPath(prefix, error.field);
    return error;
}

// The error of a YAML model with the line of its path: "line 12: rules[0].when.opp: unknown key".
Error AtLine(Error error, const detail::YamlTree& tree) {
    error.message = "line " + std::to_string(tree.LineOf(error.field)) + ": " + error.message;
    return error;
}

std::string Dump(const Json& value, int indent) {
    return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace

Result<Model> ParseModelJson(std::string_view json) {
    LB_ASSIGN_OR_RETURN(const Json document, ParseJsonText(json));
    LB_ASSIGN_OR_RETURN(Model model, detail::ModelFromJson(document, ""));
    LB_TRY(ValidateModel(model));
    return model;
}

std::string WriteModelJson(const Model& model) {
    return Dump(detail::ModelToJson(model), 2) + "\n";
}

Result<Model> ParseModelYaml(std::string_view yaml) {
    LB_ASSIGN_OR_RETURN(const detail::YamlTree tree, detail::ReadYamlTree(yaml));
    auto model = detail::ModelFromJson(tree.root, "");
    if (!model) return Fail(AtLine(std::move(model).error(), tree));
    if (auto valid = ValidateModel(*model); !valid) return Fail(AtLine(valid.error(), tree));
    return model;
}

std::string WriteModelYaml(const Model& model) {
    return detail::WriteYamlTree(detail::ModelToJson(model));
}

Result<std::vector<Model>> ParseModelListJson(std::string_view json) {
    LB_ASSIGN_OR_RETURN(const Json document, ParseJsonText(json));
    if (!document.is_array()) return Fail(InvalidArgument("a model list must be a JSON array"));
    std::vector<Model> models;
    std::map<std::string, std::size_t, std::less<>> index_by_key;
    for (std::size_t model_idx = 0; model_idx < document.size(); ++model_idx) {
        const std::string path = detail::IndexPath("", model_idx);
        LB_ASSIGN_OR_RETURN(Model model, detail::ModelFromJson(document[model_idx], path));
        if (auto valid = ValidateModel(model); !valid) return Fail(InList(valid.error(), path));
        const auto [it, is_new] = index_by_key.emplace(model.key, model_idx);
        if (!is_new)
            return Fail(detail::PathError(detail::JoinPath(path, "key"),
                                          "duplicate model key '" + model.key + "' (also [" +
                                              std::to_string(it->second) + "])"));
        models.push_back(std::move(model));
    }
    return models;
}

std::string WriteModelListJson(const std::vector<Model>& models) {
    Json list = Json::array();
    for (const Model& model : models) list.push_back(detail::ModelToJson(model));
    return Dump(list, -1);
}

}  // namespace lb::scoring
