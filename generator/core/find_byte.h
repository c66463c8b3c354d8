#pragma once
// Finding the next byte of a small set in text, sixteen bytes at a time where SSE2 is there:
// the passes over a page's text (typography, escaping) stop only at a few kinds of byte.
#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace nastavnik {

/// The first position at or after `from` of a byte among `Bytes`, or s.size().
template <unsigned char... Bytes>
inline size_t find_byte(std::string_view s, size_t from) {
  const size_t n = s.size();
#if defined(__SSE2__)
  while (from + 16 <= n) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s.data() + from));
    __m128i hits = _mm_setzero_si128();
    ((hits = _mm_or_si128(hits, _mm_cmpeq_epi8(v, _mm_set1_epi8(static_cast<char>(Bytes))))), ...);
    const unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) return from + static_cast<size_t>(__builtin_ctz(mask));
    from += 16;
  }
#endif
  for (; from < n; ++from) {
    const unsigned char c = static_cast<unsigned char>(s[from]);
    if (((c == Bytes) || ...)) return from;
  }
  return n;
}

}  // namespace nastavnik
