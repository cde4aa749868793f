# SPDX-License-Identifier: MIT
# Installs the built library into a scratch prefix, then configures, builds and runs a consumer
# project against it. The consumer enables only CXX: user code needs no nvcc.
file(REMOVE_RECURSE ${WORK_DIR})
set(prefix ${WORK_DIR}/prefix)
execute_process(COMMAND ${CMAKE_COMMAND} --install ${CUPP_BINARY_DIR} --prefix ${prefix}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "cmake --install failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${CUPP_SOURCE_DIR}/tests/package/consumer
                        -B ${WORK_DIR}/build -G ${GENERATOR} -DCMAKE_PREFIX_PATH=${prefix}
                RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "configuring the consumer failed: ${rc}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/build RESULT_VARIABLE rc)
if(rc)
  message(FATAL_ERROR "building the consumer failed: ${rc}")
endif()
execute_process(COMMAND ${WORK_DIR}/build/consumer RESULT_VARIABLE rc OUTPUT_VARIABLE out
                ERROR_VARIABLE err)
message(STATUS "consumer printed: ${out}${err}")
if(rc)
  message(FATAL_ERROR "the consumer failed: ${rc}")
endif()
if(NOT out MATCHES "cupp [0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "the consumer did not print the version")
endif()
if(NOT out MATCHES "bundle hits: 1")
  message(FATAL_ERROR "the consumer's embedded kernel bundle did not serve its kernel")
endif()
# The optional distributed component, where the package has it.
if(EXISTS ${WORK_DIR}/build/consumer_distributed)
  execute_process(COMMAND ${WORK_DIR}/build/consumer_distributed RESULT_VARIABLE rc
                  OUTPUT_VARIABLE out ERROR_VARIABLE err)
  message(STATUS "consumer_distributed printed: ${out}${err}")
  if(rc)
    message(FATAL_ERROR "the distributed consumer failed: ${rc}")
  endif()
endif()
