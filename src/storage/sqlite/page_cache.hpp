// SQLite's own page cache, with one cost taken out: a commit that has nothing to drop from the
// cache no longer walks the cache's whole hash table.
//
// Why: at the end of every write transaction SQLite drops the cached pages past the end of the
// database (sqlite3PcacheTruncate). Its page cache (pcache1) knows only the largest page number
// it has held since the last such drop, and a b-tree balance that puts new sibling pages in
// order moves a page through a temporary number past 1 GiB (the page after the lock-byte page).
// From then on that largest number is far past the end, and the drop walks every slot of the
// hash table: with a 64 MiB cache, about 16,000 slots at each commit. Random keys (version 4
// anonymousIds and messageIds, e-mail indexes) make such balances frequent: with SQLite 3.40.1
// the walk took a quarter of the event writer's time (docs/adr/0003-durable-collector.md,
// "a commit that walks the page cache").
//
// What this cache does: it passes every call to SQLite's default page cache, and keeps, per
// cache, the few pages whose number is at or past the limit of the last drop (pages the
// transaction added at the end, and a page while it holds the temporary number). A drop whose
// limit is at or past the last one, with none of those pages at or past the new limit, has
// nothing to drop, so it is not passed on. Any other drop is. What it remembers is a superset of
// the pages it must know about (a page SQLite recycles without telling it stays listed), so an
// error can only pass on a drop that was not needed, never skip one that was. Past 64 listed
// pages it stops listing and passes the next drop on.
#pragma once

#include <cstdint>

namespace lb::storage::detail {

// Makes SQLite use this page cache in this process. Must run before SQLite initialises (the
// first connection or VFS call): GatheringVfsName, which every connection opens through, calls
// it first.
// Thread-safe and idempotent. False when SQLite was initialised before (then its default page
// cache stays, which is correct, only slower).
bool InstallPageCache();

// How many drops were passed on to SQLite's cache and how many were found to have nothing to
// drop, since the process started (for tests and diagnosis).
struct PageCacheDrops {
    std::uint64_t passed = 0;
    std::uint64_t skipped = 0;
};
[[nodiscard]] PageCacheDrops PageCacheDropCounts();

}  // namespace lb::storage::detail
