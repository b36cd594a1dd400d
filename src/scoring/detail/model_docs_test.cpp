// docs/scoring.md stays true: its YAML examples parse as models (or as rule lists), and it explains
// every rule of the default model.
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "scoring/model_parser.hpp"

namespace lb::scoring {
namespace {

std::string ReadGuide() {
    std::ifstream file(std::string(LB_PROJECT_SOURCE_DIR) + "/docs/scoring.md", std::ios::binary);
    std::stringstream content;
    content << file.rdbuf();
    return content.str();
}

// The text of every ```yaml block.
std::vector<std::string> YamlBlocks(const std::string& markdown) {
    std::vector<std::string> blocks;
    const std::string open = "```yaml\n";
    for (std::size_t at = markdown.find(open); at != std::string::npos;
         at = markdown.find(open, at)) {
        const std::size_t begin = at + open.size();
        const std::size_t end = markdown.find("```", begin);
        if (end == std::string::npos) break;
        blocks.push_back(markdown.substr(begin, end - begin));
        at = end + 3;
    }
    return blocks;
}

// A rule list ("- id: ...") indented under a model that holds it.
std::string AsModel(const std::string& rules) {
    std::string model = "key: docs-example\nrules:\n";
    std::istringstream lines(rules);
    for (std::string line; std::getline(lines, line);) model += "  " + line + "\n";
    return model;
}

TEST(ScoringGuide, EveryModelAndRuleExampleParses) {
    const std::vector<std::string> blocks = YamlBlocks(ReadGuide());
    ASSERT_GE(blocks.size(), 4U) << "docs/scoring.md lost its examples";
    int checked = 0;
    for (const std::string& block : blocks) {
        std::string document;
        if (block.starts_with("key:")) document = block;
        if (block.starts_with("- id:")) document = AsModel(block);
        if (document.empty()) continue;  // a fragment (one `when`) shown for reading
        const auto model = ParseModelYaml(document);
        EXPECT_TRUE(model.has_value()) << model.error().message << "\n" << block;
        ++checked;
    }
    EXPECT_GE(checked, 4);
}

TEST(ScoringGuide, ExplainsEveryRuleOfTheDefaultModel) {
    const std::string guide = ReadGuide();
    for (const Rule& rule : DefaultModel().rules)
        EXPECT_NE(guide.find("| `" + rule.id + "` |"), std::string::npos)
            << "docs/scoring.md has no table row for the default rule " << rule.id;
}

}  // namespace
}  // namespace lb::scoring
