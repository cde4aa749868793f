// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// Python's basic-indexing syntax in a string, a[":, None, 0"], and the short spellings of the
// index items: host-only, dtype-free, compiled once in src/core/slice_string.cpp.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "cupp/core/array_desc.hpp"

namespace cupp {

/// Python's `:` as an index item: a(cupp::_, 0) is a[:, 0].
inline constexpr slice _{};
/// An omitted slice bound, Python's None in slice(None, None, -1): cupp::slice(cupp::none,
/// cupp::none, -1) is `::-1`.
inline constexpr std::nullopt_t none = std::nullopt;

namespace detail {

/// Parses the text between the brackets of a NumPy basic index, as `a[...]` would read it:
/// comma-separated items, each an integer (`-1`), a slice `start:stop:step` with any part
/// omitted and None allowed for a bound (`::-1`, `1:`, `None:3`), `None` or `newaxis`, `...` or
/// `Ellipsis`; whitespace anywhere between tokens and one trailing comma allowed. The items are
/// those of the long form a(cupp::slice(...), cupp::newaxis, ...), checked against the array
/// only when applied. Throws index_error naming the string and the position of anything else
/// (an empty item, an unknown word, a fourth slice part, an integer beyond int64).
std::vector<index_item> parse_index(std::string_view text);

}  // namespace detail
}  // namespace cupp
