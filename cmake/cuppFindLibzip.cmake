# SPDX-License-Identifier: MIT
# Defines libzip::zip (for .npz archives, src/io/npz.cpp), for cupp's build and, through
# cuppConfig.cmake, for programs that link the static libcupp. pkg-config comes first: Debian's
# libzip-dev ships a CMake package config that also imports the zipcmp, zipmerge and ziptool
# programs, packaged apart, and stops with an error where they are not installed.
if(NOT TARGET libzip::zip)
  find_package(PkgConfig QUIET)
  if(PKG_CONFIG_FOUND)
    pkg_check_modules(CUPP_LIBZIP QUIET IMPORTED_TARGET libzip)
  endif()
  if(CUPP_LIBZIP_FOUND)
    add_library(libzip::zip INTERFACE IMPORTED)
    target_link_libraries(libzip::zip INTERFACE PkgConfig::CUPP_LIBZIP)
  else()
    find_package(libzip CONFIG REQUIRED)
  endif()
endif()
