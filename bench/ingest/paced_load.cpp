// paced_load: an open-loop HTTP load generator for `bench/run ingest`: POST /collect single
// events at a FIXED rate (which wrk cannot do) and report latency percentiles measured from each
// request's scheduled send time, so a server that stalls is charged for the requests it delayed
// (no coordinated omission).
//
//   lb_paced_load --port P --target "/collect?key=K" --rate 10000 --seconds 10 --connections 100
//
// Request i of a connection is due at start + i * connections / rate (connections are staggered
// evenly). A connection sends a request when it is due or, when it is late, as soon as its previous
// answer is in. Loopback only, and bounded: it sends for --seconds, then waits at most 10 s for the
// last answers. Prints one line: sent= ok= non2xx= errors= achieved_per_s= p50_ms= p90_ms= p99_ms=
// p999_ms= max_ms=. Exits 1 when a connection fails or when arguments are wrong.
//
// Every event is a new visitor's page view. --ids says how its anonymousId and messageId are
// made: `snippet` (the default) as lb.js makes them, version 7 UUIDs (the time in ms, then random
// bits; docs/adr/0006-time-ordered-ids.md); `random`, version 4 UUIDs as many other Segment-style
// senders make them.
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <utility>  // before Asio: Boost 1.74's awaitable.hpp needs std::exchange
#include <vector>

#include <boost/asio.hpp>

#include "support/uuid.hpp"

namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Options {
    std::uint16_t port = 0;
    std::string target;
    double rate = 10'000;
    double seconds = 10;
    int connections = 100;
    bool is_time_ordered_ids = true;  // --ids snippet (true) or random
};

struct Totals {
    std::vector<double> latencies_ms;  // one per answered request
    std::int64_t sent = 0;
    std::int64_t ok = 0;
    std::int64_t non2xx = 0;
    std::int64_t errors = 0;
};

// One keep-alive connection sending its share of the schedule, one request at a time.
class Connection final : public std::enable_shared_from_this<Connection> {
public:
    Connection(asio::io_context& io, const Options& options, int index, Totals& totals)
        : socket_(io), timer_(io), options_(options), index_(index), totals_(totals) {
        interval_ = std::chrono::duration_cast<Clock::duration>(
            std::chrono::duration<double>(options.connections / options.rate));
    }

    void Start(Clock::time_point start, Clock::time_point stop) {
        due_ = start + interval_ * index_ / options_.connections;
        stop_ = stop;
        auto self = shared_from_this();
        socket_.async_connect({asio::ip::address_v4::loopback(), options_.port},
                              [self](boost::system::error_code error) {
                                  if (error) return self->Fail("connect", error);
                                  self->socket_.set_option(tcp::no_delay(true));
                                  self->WaitUntilDue();
                              });
    }

private:
    void WaitUntilDue() {
        if (due_ >= stop_) return socket_.close();
        timer_.expires_at(due_);
        timer_.async_wait([self = shared_from_this()](boost::system::error_code error) {
            if (!error) self->Send();
        });
    }

    void Send() {
        const std::string body = R"({"type":"page","anonymousId":")" + Uuid() +
                                 R"(","messageId":")" + Uuid() +
                                 R"(","context":{"page":{"url":"https://x.dk/p"}}})";
        request_ = "POST " + options_.target +
                   " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                   "Content-Length: " +
                   std::to_string(body.size()) + "\r\n\r\n" + body;
        ++totals_.sent;
        asio::async_write(
            socket_,
            asio::buffer(request_),
            [self = shared_from_this()](boost::system::error_code error, std::size_t) {
                if (error) return self->Fail("write", error);
                self->ReadHead();
            });
    }

    void ReadHead() {
        asio::async_read_until(
            socket_,
            asio::dynamic_buffer(buffer_),
            "\r\n\r\n",
            [self = shared_from_this()](boost::system::error_code error, std::size_t head_size) {
                if (error) return self->Fail("read", error);
                self->ReadBody(head_size);
            });
    }

    void ReadBody(std::size_t head_size) {
        const std::string_view head(buffer_.data(), head_size);
        status_ = head.size() > 12 ? std::atoi(std::string(head.substr(9, 3)).c_str()) : 0;
        const std::size_t total = head_size + ContentLength(head);
        if (buffer_.size() >= total) return Answered(total);
        asio::async_read(
            socket_,
            asio::dynamic_buffer(buffer_),
            asio::transfer_exactly(total - buffer_.size()),
            [self = shared_from_this(), total](boost::system::error_code error, std::size_t) {
                if (error) return self->Fail("read body", error);
                self->Answered(total);
            });
    }

    void Answered(std::size_t message_size) {
        buffer_.erase(0, message_size);
        const auto latency = std::chrono::duration<double, std::milli>(Clock::now() - due_);
        totals_.latencies_ms.push_back(latency.count());
        ++(status_ >= 200 && status_ < 300 ? totals_.ok : totals_.non2xx);
        due_ += interval_;
        WaitUntilDue();
    }

    static std::size_t ContentLength(std::string_view head) {
        constexpr std::string_view kName = "content-length:";
        std::string lower(head);
        std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
            return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
        });
        const std::size_t at = lower.find(kName);
        if (at == std::string::npos) return 0;
        std::size_t value_at = at + kName.size();
        while (value_at < lower.size() && lower[value_at] == ' ') ++value_at;
        std::size_t length = 0;
        std::from_chars(lower.data() + value_at, lower.data() + lower.size(), length);
        return length;
    }

    // A version 7 UUID made now, as lb.js makes them, or, with --ids random, version 4.
    std::string Uuid() {
        if (!options_.is_time_ordered_ids) return lb::bench::Uuid4(random_);
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch());
        return lb::bench::Uuid7(ms.count(), random_);
    }

    void Fail(const char* what, boost::system::error_code error) {
        ++totals_.errors;
        std::fprintf(
            stderr, "paced_load: connection %d: %s: %s\n", index_, what, error.message().c_str());
    }

    tcp::socket socket_;
    asio::steady_timer timer_;
    const Options& options_;
    int index_;
    Totals& totals_;
    Clock::duration interval_{};
    Clock::time_point due_;
    Clock::time_point stop_;
    std::mt19937_64 random_{std::random_device{}()};
    std::string request_;
    std::string buffer_;
    int status_ = 0;
};

bool ParseOptions(int argc, char** argv, Options& options) {
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string_view name = argv[i];
        const char* value = argv[i + 1];
        if (name == "--port")
            options.port = static_cast<std::uint16_t>(std::atoi(value));
        else if (name == "--target")
            options.target = value;
        else if (name == "--rate")
            options.rate = std::atof(value);
        else if (name == "--seconds")
            options.seconds = std::atof(value);
        else if (name == "--connections")
            options.connections = std::atoi(value);
        else if (name == "--ids" &&
                 (std::string_view(value) == "snippet" || std::string_view(value) == "random"))
            options.is_time_ordered_ids = std::string_view(value) == "snippet";
        else
            return false;
    }
    return argc % 2 == 1 && options.port != 0 && !options.target.empty() && options.rate > 0 &&
           options.seconds > 0 && options.seconds <= 600 && options.connections > 0 &&
           options.connections <= 10'000;
}

double Percentile(const std::vector<double>& sorted, double fraction) {
    if (sorted.empty()) return 0;
    const auto at = static_cast<std::size_t>(fraction * static_cast<double>(sorted.size() - 1));
    return sorted[at];
}

}  // namespace

int main(int argc, char** argv) {
    Options options;
    if (!ParseOptions(argc, argv, options)) {
        std::fprintf(stderr,
                     "usage: lb_paced_load --port P --target PATH [--rate PER_S] [--seconds S] "
                     "[--connections N] [--ids snippet|random]\n");
        return 1;
    }
    asio::io_context io;
    Totals totals;
    const Clock::time_point start = Clock::now() + std::chrono::milliseconds(200);
    const auto stop = start + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(options.seconds));
    for (int i = 0; i < options.connections; ++i)
        std::make_shared<Connection>(io, options, i, totals)->Start(start, stop);
    io.run_for(stop - Clock::now() + std::chrono::seconds(10));
    std::sort(totals.latencies_ms.begin(), totals.latencies_ms.end());
    const auto& l = totals.latencies_ms;
    std::printf(
        "sent=%lld ok=%lld non2xx=%lld errors=%lld unanswered=%lld achieved_per_s=%.0f "
        "p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f\n",
        static_cast<long long>(totals.sent),
        static_cast<long long>(totals.ok),
        static_cast<long long>(totals.non2xx),
        static_cast<long long>(totals.errors),
        static_cast<long long>(totals.sent - static_cast<std::int64_t>(l.size())),
        static_cast<double>(totals.ok) / options.seconds,
        Percentile(l, 0.50),
        Percentile(l, 0.90),
        Percentile(l, 0.99),
        Percentile(l, 0.999),
        l.empty() ? 0.0 : l.back());
    return totals.errors == 0 ? 0 : 1;
}
