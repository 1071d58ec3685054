/* api.h: what every public header wraps its declarations in.
 *
 * MSL_BEGIN_DECLS / MSL_END_DECLS give the declarations C linkage (so the
 * headers work from C++) and default visibility: libmsl is compiled with
 * -fvisibility=hidden, so exactly the functions declared in include/msl/ are
 * exported from the shared library and every internal helper stays hidden.
 * A pragma around each header (rather than a macro on each declaration)
 * means a function added to a public header cannot be forgotten. */
#ifndef MSL_API_H
#define MSL_API_H

#if defined(__GNUC__)
#define MSL_VISIBILITY_PUSH_ _Pragma("GCC visibility push(default)")
#define MSL_VISIBILITY_POP_ _Pragma("GCC visibility pop")
#else
#define MSL_VISIBILITY_PUSH_
#define MSL_VISIBILITY_POP_
#endif

#ifdef __cplusplus
#define MSL_BEGIN_DECLS extern "C" { MSL_VISIBILITY_PUSH_
#define MSL_END_DECLS MSL_VISIBILITY_POP_ }
#else
#define MSL_BEGIN_DECLS MSL_VISIBILITY_PUSH_
#define MSL_END_DECLS MSL_VISIBILITY_POP_
#endif

#endif
