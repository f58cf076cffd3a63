/* TINYKM_API marks the functions of tinykm's public API (C and C++). The shared library is
 * compiled with hidden visibility and TINYKM_BUILDING_SHARED, so it exports exactly these;
 * everything else (tinykm::detail, the kernels, Highway and xsimd) stays inside it. For a
 * static library, or a program using either, the mark is empty. Written by hand, C and C++. */
#ifndef TINYKM_EXPORT_H
#define TINYKM_EXPORT_H

#if defined(TINYKM_BUILDING_SHARED) && defined(__GNUC__)
#define TINYKM_API __attribute__((visibility("default")))
#else
#define TINYKM_API
#endif

#endif /* TINYKM_EXPORT_H */
