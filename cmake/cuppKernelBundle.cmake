# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
#
# cupp_add_kernel_bundle(<target> [RECORD <file>...] [COMMON_KERNELS] [ARCHS <cc>...] [NAME <name>])
#
# Builds the kernels of the record files (written by a run with CUPP_RECORD_KERNELS=<file>) into
# a kernel bundle at build time with cupp-bundle, and embeds it into <target> (an executable or a
# shared library): the bundle is registered when the program starts, so its first run compiles
# none of those kernels. ARCHS defaults to CMAKE_CUDA_ARCHITECTURES ("90-real" and "sm_90" are
# read as 90); the bundle holds a cubin for each and PTX for the newest. COMMON_KERNELS adds the
# kernels nearly every program compiles (fills, copies, casts, common reductions: see
# cupp::jit::common_kernels), with or without a record file. See docs/jit.md,
# "Kernel bundles".
function(cupp_add_kernel_bundle target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "COMMON_KERNELS" "NAME" "RECORD;ARCHS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "cupp_add_kernel_bundle: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT TARGET ${target})
    message(FATAL_ERROR "cupp_add_kernel_bundle: ${target} is not a target")
  endif()
  if(NOT arg_RECORD AND NOT arg_COMMON_KERNELS)
    message(FATAL_ERROR "cupp_add_kernel_bundle(${target}): give RECORD files, COMMON_KERNELS or both")
  endif()
  set(common "")
  if(arg_COMMON_KERNELS)
    set(common --common)
  endif()
  if(NOT arg_ARCHS)
    if(CMAKE_CUDA_ARCHITECTURES AND NOT CMAKE_CUDA_ARCHITECTURES MATCHES "^(native|all|all-major)$")
      set(arg_ARCHS ${CMAKE_CUDA_ARCHITECTURES})
    else()
      message(FATAL_ERROR "cupp_add_kernel_bundle(${target}): give ARCHS (such as 80;90): "
                          "CMAKE_CUDA_ARCHITECTURES does not list architectures")
    endif()
  endif()
  if(NOT arg_NAME)
    set(arg_NAME ${target})
  endif()
  set(tool cupp::cupp-bundle)
  get_target_property(aliased ${tool} ALIASED_TARGET)
  if(aliased)
    set(tool ${aliased})
  endif()
  set(records "")
  foreach(r IN LISTS arg_RECORD)
    get_filename_component(r ${r} ABSOLUTE BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    list(APPEND records ${r})
  endforeach()
  string(JOIN "," archs ${arg_ARCHS})
  set(cpp ${CMAKE_CURRENT_BINARY_DIR}/cupp_kernel_bundle_${target}.cpp)
  set(bundle ${CMAKE_CURRENT_BINARY_DIR}/cupp_kernel_bundle_${target}.cuppbundle)
  # The source includes the bundle file with .incbin: both are outputs, the object depends on both.
  add_custom_command(
    OUTPUT ${cpp} ${bundle}
    COMMAND $<TARGET_FILE:${tool}> --arch ${archs} --name ${arg_NAME} -o ${bundle} --cpp ${cpp}
            ${common} ${records}
    DEPENDS ${records} ${tool}
    COMMENT "Building the kernel bundle of ${target} (${archs})"
    VERBATIM)
  target_sources(${target} PRIVATE ${cpp})
  set_source_files_properties(${cpp} PROPERTIES OBJECT_DEPENDS ${bundle})
  target_link_libraries(${target} PRIVATE cupp::cupp)
endfunction()
