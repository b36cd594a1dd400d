#include "storage/sqlite/page_cache.hpp"

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <limits>
#include <new>
#include <utility>
#include <vector>

#include <sqlite3.h>

namespace lb::storage::detail {

namespace {

// SQLite's default page cache, every call of ours ends in it.
sqlite3_pcache_methods2 g_default{};

std::atomic<std::uint64_t> g_passed{0};
std::atomic<std::uint64_t> g_skipped{0};

// At most this many pages are listed. A transaction adds a few pages at the end; a cache emptied
// by a drop to page 1 (SQLite resets a reader's cache when another connection wrote) would list
// every page it reads, and each listing searches the list.
constexpr std::size_t kMaxListed = 64;

// One page cache (one per connection and database). `high` holds every page whose number is at
// or past `limit` (and maybe some SQLite has recycled since: a superset). Before the first drop
// the limit is past every page number, so nothing is listed and the first drop is passed on.
struct Cache {
    sqlite3_pcache* inner = nullptr;
    unsigned limit = std::numeric_limits<unsigned>::max();
    std::vector<std::pair<sqlite3_pcache_page*, unsigned>> high;
    // A page was not listed (over kMaxListed, or out of memory): the next drop is passed on.
    bool is_lost = false;
};

Cache& Of(sqlite3_pcache* cache) {
    return *reinterpret_cast<Cache*>(cache);
}

void Forget(Cache& cache, sqlite3_pcache_page* page) {
    std::erase_if(cache.high, [page](const auto& entry) { return entry.first == page; });
}

void Note(Cache& cache, sqlite3_pcache_page* page, unsigned key) {
    if (cache.is_lost) return;
    for (auto& entry : cache.high) {
        if (entry.first == page) {
            entry.second = key;
            return;
        }
    }
    if (cache.high.size() >= kMaxListed) {
        cache.is_lost = true;
        cache.high.clear();
        return;
    }
    try {
        cache.high.emplace_back(page, key);
    } catch (const std::bad_alloc&) {
        cache.is_lost = true;
        cache.high.clear();
    }
}

int Init(void* /*unused*/) {
    return g_default.xInit(g_default.pArg);
}

void Shutdown(void* /*unused*/) {
    if (g_default.xShutdown != nullptr) g_default.xShutdown(g_default.pArg);
}

sqlite3_pcache* Create(int page_size, int extra_size, int is_purgeable) {
    auto* cache = new (std::nothrow) Cache;
    if (cache == nullptr) return nullptr;
    cache->inner = g_default.xCreate(page_size, extra_size, is_purgeable);
    if (cache->inner == nullptr) {
        delete cache;
        return nullptr;
    }
    return reinterpret_cast<sqlite3_pcache*>(cache);
}

void Cachesize(sqlite3_pcache* cache, int pages) {
    g_default.xCachesize(Of(cache).inner, pages);
}

int Pagecount(sqlite3_pcache* cache) {
    return g_default.xPagecount(Of(cache).inner);
}

sqlite3_pcache_page* Fetch(sqlite3_pcache* cache, unsigned key, int create) {
    Cache& ours = Of(cache);
    sqlite3_pcache_page* page = g_default.xFetch(ours.inner, key, create);
    if (page != nullptr && key >= ours.limit) Note(ours, page, key);
    return page;
}

void Unpin(sqlite3_pcache* cache, sqlite3_pcache_page* page, int discard) {
    Cache& ours = Of(cache);
    if (discard != 0 && !ours.high.empty()) Forget(ours, page);
    g_default.xUnpin(ours.inner, page, discard);
}

void Rekey(sqlite3_pcache* cache, sqlite3_pcache_page* page, unsigned old_key, unsigned new_key) {
    Cache& ours = Of(cache);
    g_default.xRekey(ours.inner, page, old_key, new_key);
    if (new_key >= ours.limit)
        Note(ours, page, new_key);
    else if (!ours.high.empty())
        Forget(ours, page);
}

// Drops the pages numbered `limit` or higher. Afterwards there are none, so every page at or
// past `limit` that comes later is listed.
void Truncate(sqlite3_pcache* cache, unsigned limit) {
    Cache& ours = Of(cache);
    const bool is_needed =
        ours.is_lost || limit < ours.limit ||
        std::any_of(ours.high.begin(), ours.high.end(), [limit](const auto& entry) {
            return entry.second >= limit;
        });
    if (is_needed) {
        g_default.xTruncate(ours.inner, limit);
        g_passed.fetch_add(1, std::memory_order_relaxed);
    } else {
        g_skipped.fetch_add(1, std::memory_order_relaxed);
    }
    ours.high.clear();
    ours.limit = limit;
    ours.is_lost = false;
}

void Destroy(sqlite3_pcache* cache) {
    Cache* ours = &Of(cache);
    g_default.xDestroy(ours->inner);
    delete ours;
}

void Shrink(sqlite3_pcache* cache) {
    g_default.xShrink(Of(cache).inner);
}

}  // namespace

bool InstallPageCache() {
    static const bool is_installed = [] {
        if (sqlite3_config(SQLITE_CONFIG_GETPCACHE2, &g_default) != SQLITE_OK) return false;
        static sqlite3_pcache_methods2 ours{};
        ours.iVersion = 1;
        ours.pArg = nullptr;
        ours.xInit = Init;
        ours.xShutdown = Shutdown;
        ours.xCreate = Create;
        ours.xCachesize = Cachesize;
        ours.xPagecount = Pagecount;
        ours.xFetch = Fetch;
        ours.xUnpin = Unpin;
        ours.xRekey = Rekey;
        ours.xTruncate = Truncate;
        ours.xDestroy = Destroy;
        ours.xShrink = Shrink;
        return sqlite3_config(SQLITE_CONFIG_PCACHE2, &ours) == SQLITE_OK;
    }();
    return is_installed;
}

PageCacheDrops PageCacheDropCounts() {
    return {.passed = g_passed.load(std::memory_order_relaxed),
            .skipped = g_skipped.load(std::memory_order_relaxed)};
}

}  // namespace lb::storage::detail
