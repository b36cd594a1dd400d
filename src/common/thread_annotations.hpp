// Clang thread-safety annotations (-Wthread-safety) under LB_ names; empty on other compilers.
#pragma once

#if defined(__clang__)
#define LB_THREAD_ANNOTATION_(x) __attribute__((x))
#else
#define LB_THREAD_ANNOTATION_(x)
#endif

// The member is read and written only with `mu` held.
#define LB_GUARDED_BY(mu) LB_THREAD_ANNOTATION_(guarded_by(mu))
// The function must be called with `mu` held.
#define LB_REQUIRES(mu) LB_THREAD_ANNOTATION_(requires_capability(mu))
// The function must be called without `mu` held (it takes it).
#define LB_EXCLUDES(mu) LB_THREAD_ANNOTATION_(locks_excluded(mu))
