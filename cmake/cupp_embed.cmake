# SPDX-License-Identifier: MIT
# Embeds kernels/cupp/*.cuh into the library as string literals, so nothing is read from disk at
# run time (Note [Embedded headers] in src/jit/compiler.cpp).
function(cupp_embed_headers out)
  set(files ${ARGN})
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} "-DFILES=${files}" -P ${PROJECT_SOURCE_DIR}/cmake/cupp_embed_run.cmake
    DEPENDS ${files} ${PROJECT_SOURCE_DIR}/cmake/cupp_embed_run.cmake
    COMMENT "Embedding device headers"
    VERBATIM)
endfunction()
