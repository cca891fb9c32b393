/* Compile-time checks of layout_v1_0.def against the headers in use, in C99, C11 and C++. */
#ifndef TP_TEST_LAYOUT_ASSERTS_H
#define TP_TEST_LAYOUT_ASSERTS_H

#include <stddef.h>

#include "all_headers.h"

#define TP_CAT2(a, b) a##b
#define TP_CAT(a, b) TP_CAT2(a, b)
#if defined(__cplusplus)
#define TP_ASSERT(cond) static_assert(cond, #cond)
#elif defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define TP_ASSERT(cond) _Static_assert(cond, #cond)
#else /* C99: an array of negative size is a compile error */
#define TP_ASSERT(cond) typedef char TP_CAT(tp_layout_assert_, __LINE__)[(cond) ? 1 : -1]
#endif

#define TP_MEMBER_SIZE(type, member) sizeof(((type*)0)->member)

#define TP_STRUCT(type, size) TP_ASSERT(sizeof(type) == (size));
#define TP_FIELD(type, member, offset, size) \
    TP_ASSERT(offsetof(type, member) == (offset) && TP_MEMBER_SIZE(type, member) == (size));
#define TP_CONST(name, value) TP_ASSERT((name) == (value));
#define TP_STRING(name, value) TP_ASSERT(sizeof(name) == sizeof(value));
#include "layout_v1_0.def"
#undef TP_STRUCT
#undef TP_FIELD
#undef TP_CONST
#undef TP_STRING

#endif
