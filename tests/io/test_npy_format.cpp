// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The .npy header on the host (no GPU): the bytes numpy.save writes, typed in from the format's
// definition (numpy.lib.format), the parser, and every bad file that load, load_npz and fromfile
// refuse before touching the device.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "cupp/array.hpp"
#include "support/files.hpp"

namespace {

using cupp::dtype;
using cupp::detail::npy_header;
using cupp::detail::npy_prefix;
using cupp::detail::parse_npy_descr;
using cupp::detail::parse_npy_header;

void write_bytes(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

/// The header numpy.save writes for np.zeros(3) ('<f8', shape (3,)), NumPy >= 1.24: the dict,
/// 20 spaces of room for a 21-digit first axis, padding to 128 bytes, a newline. HEADER_LEN is
/// 118 = 'v'.
const std::string kNumpyF8Shape3 = std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                                   "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }" +
                                   std::string(20, ' ') + std::string(40, ' ') + "\n";

TEST(NpyHeader, WritesNumpysBytesForAVectorOfFloat64) {
  ASSERT_EQ(kNumpyF8Shape3.size(), 128u);
  EXPECT_EQ(npy_prefix(dtype::float64, false, {3}), kNumpyF8Shape3);
}

TEST(NpyHeader, WritesNumpysBytesForFortranOrderAndScalars) {
  // Fortran order: the room is for the last axis. np.asfortranarray(np.zeros((2, 3), 'f4')).
  const std::string fortran = std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                              "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }" +
                              std::string(20, ' ') + std::string(39, ' ') + "\n";
  EXPECT_EQ(npy_prefix(dtype::float32, true, {2, 3}), fortran);
  // A 0-d array has no axis to grow: np.save(f, np.int64(7)) pads the 55 bytes to 128.
  const std::string scalar = std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
                             "{'descr': '<i8', 'fortran_order': False, 'shape': (), }" +
                             std::string(62, ' ') + "\n";
  EXPECT_EQ(npy_prefix(dtype::int64, false, {}), scalar);
  // A 19-digit first axis leaves 2 spaces of room (then 38 of padding); an empty array is
  // written like any other.
  const std::string wide =
      std::string("\x93NUMPY\x01\x00\x76\x00", 10) +
      "{'descr': '|u1', 'fortran_order': False, 'shape': (1000000000000000000, 0), }" +
      std::string(2, ' ') + std::string(38, ' ') + "\n";
  EXPECT_EQ(npy_prefix(dtype::uint8, false, {1000000000000000000, 0}), wide);
}

TEST(NpyHeader, DataStartsAtAMultipleOf64) {
  for (const cupp::shape_t& shape :
       {cupp::shape_t{}, cupp::shape_t{0}, cupp::shape_t{7}, cupp::shape_t{123456789, 2},
        cupp::shape_t{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}}) {
    for (bool fortran : {false, true}) {
      const std::string p = npy_prefix(dtype::complex128, fortran, shape);
      EXPECT_EQ(p.size() % 64, 0u) << p;
      EXPECT_EQ(p.back(), '\n');
      const std::size_t len = static_cast<unsigned char>(p[8]) |
                              static_cast<std::size_t>(static_cast<unsigned char>(p[9])) << 8;
      EXPECT_EQ(len + 10, p.size());
      const npy_header h = parse_npy_header(p.substr(10));
      EXPECT_EQ(h.dt, dtype::complex128);
      EXPECT_EQ(h.fortran_order, fortran);
      EXPECT_EQ(h.shape, shape);
      EXPECT_FALSE(h.swap);
    }
  }
}

TEST(NpyHeader, DescrOfEveryDtypeIsNumpys) {
  const std::pair<dtype, const char*> expected[] = {
      {dtype::bool_, "|b1"},   {dtype::int8, "|i1"},      {dtype::int16, "<i2"},
      {dtype::int32, "<i4"},   {dtype::int64, "<i8"},     {dtype::uint8, "|u1"},
      {dtype::uint16, "<u2"},  {dtype::uint32, "<u4"},    {dtype::uint64, "<u8"},
      {dtype::float16, "<f2"}, {dtype::bfloat16, "<V2"},  {dtype::float32, "<f4"},
      {dtype::float64, "<f8"}, {dtype::complex64, "<c8"}, {dtype::complex128, "<c16"}};
  for (const auto& [dt, descr] : expected) {
    EXPECT_EQ(cupp::detail::npy_descr(dt), descr);
    EXPECT_EQ(parse_npy_descr(descr), std::make_pair(dt, false)) << descr;
  }
}

TEST(NpyHeader, BigEndianDescrsAreSwapped) {
  EXPECT_EQ(parse_npy_descr(">i4"), std::make_pair(dtype::int32, true));
  EXPECT_EQ(parse_npy_descr(">f2"), std::make_pair(dtype::float16, true));
  EXPECT_EQ(parse_npy_descr(">c16"), std::make_pair(dtype::complex128, true));
  EXPECT_EQ(parse_npy_descr(">u8"), std::make_pair(dtype::uint64, true));
  // One byte has no order; '=' and no order are the machine's (little-endian).
  EXPECT_EQ(parse_npy_descr(">i1"), std::make_pair(dtype::int8, false));
  EXPECT_EQ(parse_npy_descr("=f8"), std::make_pair(dtype::float64, false));
  EXPECT_EQ(parse_npy_descr("f4"), std::make_pair(dtype::float32, false));
  EXPECT_EQ(parse_npy_descr("|V2"), std::make_pair(dtype::bfloat16, false));
  EXPECT_EQ(parse_npy_descr("?"), std::make_pair(dtype::bool_, false));
}

TEST(NpyHeader, RefusesDtypesCuppLacks) {
  for (const char* descr :
       {"|O", "|O8", "<U5", "|S3", "<M8[ns]", "<m8[s]", "<f16", "<c32", "|V3", "<x4", "", "<"})
    EXPECT_THROW(parse_npy_descr(descr), cupp::value_error) << descr;
  try {
    parse_npy_descr("|O");
    FAIL();
  } catch (const cupp::value_error& e) {
    EXPECT_NE(std::string(e.what()).find("object array"), std::string::npos) << e.what();
  }
}

TEST(NpyHeader, ParsesAnySpacingQuotesAndKeyOrder) {
  const npy_header h =
      parse_npy_header("{\"shape\":(2,3,4),'fortran_order' :True,  'descr':'>i2'}        \n");
  EXPECT_EQ(h.dt, dtype::int16);
  EXPECT_TRUE(h.swap);
  EXPECT_TRUE(h.fortran_order);
  EXPECT_EQ(h.shape, (cupp::shape_t{2, 3, 4}));
  // Very old NumPy wrote Python 2 longs.
  EXPECT_EQ(
      parse_npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (3L, 4L), }\n").shape,
      (cupp::shape_t{3, 4}));
  EXPECT_EQ(parse_npy_header("{'descr': '<f4', 'fortran_order': False, 'shape': (), }").shape,
            cupp::shape_t{});
}

TEST(NpyHeader, RefusesMalformedHeaders) {
  for (const char* text : {
           "",                                                                 // nothing
           "{'descr': '<f4', 'fortran_order': False}",                         // no shape
           "{'descr': '<f4', 'fortran_order': False, 'shape': (3,), 'x': 1}",  // an extra key
           "{'descr': '<f4', 'fortran_order': 0, 'shape': (3,)}",              // not a bool
           "{'descr': '<f4', 'fortran_order': False, 'shape': (3)}",           // an int, no tuple
           "{'descr': '<f4', 'fortran_order': False, 'shape': (-1,)}",         // negative
           "{'descr': '<f4', 'fortran_order': False, 'shape': [3]}",           // a list
           "{'descr': '<f4', 'fortran_order': False, 'shape': (3,)} x",        // trailing text
           "{'descr': <f4, 'fortran_order': False, 'shape': (3,)}",            // unquoted
           "{'descr': [('a', '<f4'), ('b', '<i4')], 'fortran_order': False, 'shape': (3,)}",
       })
    EXPECT_THROW(parse_npy_header(text), cupp::value_error) << text;
}

// ---- files refused before any GPU work --------------------------------------------------------

/// A .npy file: prefix then `data` bytes.
std::string npy_file(dtype dt, const cupp::shape_t& shape, const std::string& data) {
  return npy_prefix(dt, false, shape) + data;
}

template <class F>
std::string message_of(F&& f) {
  try {
    f();
  } catch (const cupp::value_error& e) {
    return e.what();
  }
  ADD_FAILURE() << "no value_error";
  return "";
}

TEST(NpyFiles, BadFilesAreValueErrors) {
  cupp::test::temp_dir dir;
  const std::string p = dir.path() + "/x.npy";
  const auto load_msg = [&](const std::string& bytes) {
    write_bytes(p, bytes);
    return message_of([&] { (void)cupp::load(p); });
  };
  // Data shorter than the shape says: 3 float64 need 24 bytes.
  EXPECT_NE(load_msg(npy_file(dtype::float64, {3}, std::string(23, '\0'))).find("truncated"),
            std::string::npos);
  // A shape that does not match the bytes at all.
  EXPECT_NE(load_msg(npy_file(dtype::int32, {1000, 1000}, std::string(64, '\0'))).find("truncated"),
            std::string::npos);
  // A header cut short, and a file of a few bytes.
  EXPECT_NE(load_msg(kNumpyF8Shape3.substr(0, 60)).find("truncated"), std::string::npos);
  EXPECT_NE(load_msg(std::string("\x93NUMPY\x01", 7)).find("truncated"), std::string::npos);
  EXPECT_NE(load_msg("").find("magic"), std::string::npos);
  // A wrong magic, and a pickle (what numpy.save writes for allow_pickle objects in old files).
  EXPECT_NE(load_msg("\x80\x04\x95 pickled").find("magic"), std::string::npos);
  EXPECT_NE(load_msg("\x92NUMPY\x01\x00").find("magic"), std::string::npos);
  // A version that does not exist.
  std::string v4 = kNumpyF8Shape3 + std::string(24, '\0');
  v4[6] = 4;
  EXPECT_NE(load_msg(v4).find("format version"), std::string::npos);
  // An object array, a structured dtype, a dtype cupp lacks.
  const auto with_dict = [](const std::string& dict) {
    std::string text = dict + std::string(64 - (10 + dict.size() + 1) % 64, ' ') + "\n";
    std::string out = std::string("\x93NUMPY\x01\x00", 8);
    out += static_cast<char>(text.size() & 0xff);
    out += static_cast<char>(text.size() >> 8);
    return out + text + std::string(64, '\0');
  };
  EXPECT_NE(load_msg(with_dict("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }"))
                .find("object array"),
            std::string::npos);
  EXPECT_NE(
      load_msg(with_dict("{'descr': [('a', '<i4')], 'fortran_order': False, 'shape': (2,), }"))
          .find("structured"),
      std::string::npos);
  EXPECT_NE(load_msg(with_dict("{'descr': '<f16', 'fortran_order': False, 'shape': (2,), }"))
                .find("'<f16'"),
            std::string::npos);
  // A .npz archive given to load: the message names load_npz.
  EXPECT_NE(load_msg(std::string("PK\x03\x04", 4) + std::string(100, '\0')).find("load_npz"),
            std::string::npos);
  // No file, a directory.
  EXPECT_THROW((void)cupp::load(dir.path() + "/missing.npy"), cupp::value_error);
  EXPECT_THROW((void)cupp::load(dir.path()), cupp::value_error);
}

TEST(NpyFiles, BadArchivesAndRawFilesAreValueErrors) {
  cupp::test::temp_dir dir;
  const std::string p = dir.path() + "/x.npz";
  EXPECT_THROW((void)cupp::load_npz(p), cupp::value_error);  // no file
  write_bytes(p, npy_file(dtype::int8, {2}, "ab"));          // a .npy, not a zip
  EXPECT_THROW((void)cupp::load_npz(p), cupp::value_error);
  write_bytes(p, std::string("PK\x03\x04", 4) + "cut");  // a zip cut short
  EXPECT_THROW((void)cupp::load_npz(p), cupp::value_error);

  const std::string raw = dir.path() + "/x.bin";
  write_bytes(raw, std::string(10, '\1'));
  // 10 bytes hold 2 int32 (a trailing partial element is ignored, as NumPy does), not 3.
  EXPECT_THROW((void)cupp::fromfile<std::int32_t>(raw, 3), cupp::value_error);
  EXPECT_THROW((void)cupp::fromfile<std::int32_t>(raw, 2, 4), cupp::value_error);
  EXPECT_THROW((void)cupp::fromfile<std::int8_t>(raw, -1, 11), cupp::value_error);
  EXPECT_THROW((void)cupp::fromfile<std::int8_t>(raw, -2), cupp::value_error);
  EXPECT_THROW((void)cupp::fromfile<std::int8_t>(raw, 1, -1), cupp::value_error);
  EXPECT_THROW((void)cupp::fromfile<std::int8_t>(dir.path() + "/missing.bin"), cupp::value_error);
}

// ---- .npz archives read on the host: a zip written here byte by byte ---------------------------

std::uint32_t crc32(const std::string& data) {
  std::uint32_t c = 0xffffffffu;
  for (unsigned char b : data) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c >> 1) ^ (0xedb88320u & (0u - (c & 1u)));
  }
  return ~c;
}

void put(std::string& out, std::uint64_t v, int bytes) {
  for (int i = 0; i < bytes; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}

/// A zip archive of stored (uncompressed) members, as the zip specification (APPNOTE) lays it
/// out: a local header and the data per member, the central directory, its end record.
std::string stored_zip(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out, central;
  for (const auto& [name, data] : members) {
    const std::size_t offset = out.size();
    const std::uint32_t crc = crc32(data);
    put(out, 0x04034b50, 4);  // local file header
    put(out, 20, 2);          // version needed: 2.0
    put(out, 0, 2);           // flags
    put(out, 0, 2);           // method: stored
    put(out, 0, 2);           // time
    put(out, 0x21, 2);        // date: 1980-01-01
    put(out, crc, 4);
    put(out, data.size(), 4);
    put(out, data.size(), 4);
    put(out, name.size(), 2);
    put(out, 0, 2);  // extra field length
    out += name + data;
    put(central, 0x02014b50, 4);  // central directory header
    put(central, 20, 2);
    put(central, 20, 2);
    put(central, 0, 2);
    put(central, 0, 2);
    put(central, 0, 2);
    put(central, 0x21, 2);
    put(central, crc, 4);
    put(central, data.size(), 4);
    put(central, data.size(), 4);
    put(central, name.size(), 2);
    put(central, 0, 2);  // extra
    put(central, 0, 2);  // comment
    put(central, 0, 2);  // disk
    put(central, 0, 2);  // internal attributes
    put(central, 0, 4);  // external attributes
    put(central, offset, 4);
    central += name;
  }
  const std::size_t cd_offset = out.size();
  out += central;
  put(out, 0x06054b50, 4);  // end of central directory
  put(out, 0, 2);
  put(out, 0, 2);
  put(out, members.size(), 2);
  put(out, members.size(), 2);
  put(out, central.size(), 4);
  put(out, cd_offset, 4);
  put(out, 0, 2);
  return out;
}

TEST(NpzFiles, NamesMembersAndRefusalsWithoutTheDevice) {
  cupp::test::temp_dir dir;
  const std::string p = dir.path() + "/x.npz";
  write_bytes(p, stored_zip({{"a.npy", npy_file(dtype::int8, {2}, "ab")},
                             {"b.npy", npy_file(dtype::float32, {1000}, "short")},
                             {"notes.txt", "not an array"}}));
  const cupp::npz_file d = cupp::load_npz(p);
  // As NpzFile.files: in the archive's order, ".npy" dropped.
  EXPECT_EQ(d.files(), (std::vector<std::string>{"a", "b", "notes.txt"}));
  EXPECT_EQ(d.size(), 3u);
  EXPECT_TRUE(d.contains("a"));
  EXPECT_TRUE(d.contains("a.npy"));
  EXPECT_FALSE(d.contains("c"));
  EXPECT_THROW((void)d["c"], cupp::index_error);
  // A member whose data is shorter than its header says, and one that is no .npy at all.
  EXPECT_NE(message_of([&] { (void)d["b"]; }).find("truncated"), std::string::npos);
  EXPECT_NE(message_of([&] { (void)d["notes.txt"]; }).find("magic"), std::string::npos);
  // An archive with no members (what numpy.savez(f) writes).
  write_bytes(p, stored_zip({}));
  EXPECT_EQ(cupp::load_npz(p).size(), 0u);
}

}  // namespace
