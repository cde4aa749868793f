// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// NumPy's binary files: .npy (numpy.save/load), .npz (savez, savez_compressed, NpzFile) and raw
// binary (ndarray.tofile, numpy.fromfile). See docs/io.md.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "cupp/core/dtype.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/runtime_array.hpp"
#include "cupp/core/shape.hpp"

namespace cupp {

/// Writes `a` to a .npy file, as numpy.save (and cupy.save): ".npy" is appended to `file` when
/// it does not end with it. Format version 1.0 (2.0 only for a header too long for 1.0), the
/// header NumPy writes byte for byte; Fortran order when `a` is F-contiguous and not
/// C-contiguous, else C order (a non-contiguous array is written in C order). bfloat16 is written
/// with descr '<V2', as NumPy writes the ml_dtypes.bfloat16 type (docs/io.md). The data streams
/// from the device through pinned staging buffers; the file appears complete or not at all
/// (it is written to a temporary in the same directory, then renamed). Throws value_error when
/// the file cannot be written.
void save(const std::string& file, const array& a);
/// numpy.save of an expression (`cupp::save("c", a + b)`): evaluated into an array first.
template <class E, std::enable_if_t<expr::is_node_v<E>, int> = 0>
void save(const std::string& file, const E& e) {
  save(file, array(e.eval()));
}

/// Reads a .npy file (format 1.0, 2.0 or 3.0) into a new array on the current device, as
/// numpy.load: C order gives a C-contiguous array, Fortran order an F-contiguous one, big-endian
/// data is byte-swapped, descr '<V2' (or '|V2') is read as bfloat16. Throws value_error with
/// the reason for a file that is not a .npy file (a wrong magic, a .npz archive: use
/// cupp::load_npz), is truncated (header or data), holds an object array ('|O'), a structured
/// dtype or a dtype cupp lacks.
array load(const std::string& file);

/// The arrays of a .npz archive, read by name, as numpy.lib.npyio.NpzFile (what numpy.load
/// returns for a zip file). Each access reads the member from the file, as NumPy does. A copy
/// shares the open archive.
class npz_file {
 public:
  /// NpzFile.files: the array names, in the archive's order ("a" for the member "a.npy").
  const std::vector<std::string>& files() const noexcept;
  /// `name in npz`: a name of files(), or a member's own name ("a.npy").
  bool contains(const std::string& name) const;
  /// len(npz): the number of arrays, files().size().
  std::size_t size() const noexcept { return files().size(); }
  /// npz[name]: the array of that name. Throws index_error "'x' is not a file in the archive"
  /// (NumPy's KeyError) for a name it lacks, value_error for a member that is not a valid .npy.
  array operator[](const std::string& name) const;

  struct impl;
  /// The archive opened by cupp::load_npz (which makes these).
  explicit npz_file(std::shared_ptr<impl> p) : impl_(std::move(p)) {}

 private:
  std::shared_ptr<impl> impl_;
};

/// Opens a .npz archive (numpy.load on a zip file). Throws value_error when `file` is not a
/// readable zip archive.
npz_file load_npz(const std::string& file);

/// Named arrays for savez: {{"x", x}, {"y", y}}.
using named_arrays = std::vector<std::pair<std::string, array>>;

/// Writes the arrays into one uncompressed .npz archive, members "<name>.npy", as numpy.savez
/// with keyword arguments; ".npz" is appended to `file` when it does not end with it. Throws
/// value_error for a repeated name.
void savez(const std::string& file, const named_arrays& arrays);
/// numpy.savez with positional arrays: named arr_0, arr_1, ...
void savez(const std::string& file, const std::vector<array>& arrays);
/// As savez, with every member compressed (deflate), as numpy.savez_compressed.
void savez_compressed(const std::string& file, const named_arrays& arrays);
void savez_compressed(const std::string& file, const std::vector<array>& arrays);

/// Reads raw binary data (the elements in C order, machine byte order, no header: what tofile
/// writes) into a new 1-D array, as numpy.fromfile(file, dtype, count, offset=offset) with
/// sep="": `offset` bytes are skipped, then `count` elements are read (-1: all that remain; a
/// trailing partial element is ignored, as NumPy does). Throws value_error when the file is
/// shorter than offset + count elements or cannot be read.
array fromfile(const std::string& file, dtype dt, std::int64_t count = -1, std::int64_t offset = 0);
template <class T>
ndarray<T> fromfile(const std::string& file, std::int64_t count = -1, std::int64_t offset = 0) {
  return fromfile(file, dtype_of<T>, count, offset).template as<T>();
}

namespace detail {

/// What the header of a .npy file says. `swap`: the data's byte order is not the machine's.
struct npy_header {
  dtype dt = dtype::float64;
  bool swap = false;
  bool fortran_order = false;
  shape_t shape;
};

/// The descr NumPy writes for a dtype: '|b1', '<i4', '<f2', '<c16', and '<V2' for bfloat16.
std::string npy_descr(dtype dt);
/// The dtype of a descr ('<f4', '>i8', '|b1', '|V2', ...) and whether its bytes need swapping.
/// Throws value_error naming the descr for object arrays, strings, datetimes and dtypes cupp
/// lacks.
std::pair<dtype, bool> parse_npy_descr(std::string_view descr);
/// Parses the header dictionary of a .npy file (the text after the length field, as
/// numpy.lib.format reads it). Throws value_error for a malformed dictionary, missing or extra
/// keys, a structured dtype, or a bad shape or fortran_order.
npy_header parse_npy_header(std::string_view text);
/// Everything before the data of a .npy file, exactly as numpy.save writes it: magic, version,
/// header length, the dictionary, spaces and a newline, the data starting at a multiple of 64.
std::string npy_prefix(dtype dt, bool fortran_order, const shape_t& shape);
/// Bytes the prefix of a .npy file needs before its header text: magic (6), version (2) and
/// the header length (2 for version 1.0, else 4).
std::size_t npy_preamble_size(int major_version);

}  // namespace detail
}  // namespace cupp
