// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The one include a user needs.
#pragma once

#include "cupp/config.hpp"
#include "cupp/core/dtype.hpp"
#include "cupp/core/error.hpp"
#include "cupp/core/ndarray.hpp"
#include "cupp/core/shape.hpp"
#include "cupp/cuda/device.hpp"
#include "cupp/cuda/event.hpp"
#include "cupp/cuda/memory.hpp"
#include "cupp/cuda/stream.hpp"
#include "cupp/expr/ufuncs.hpp"
#include "cupp/jit/elementwise_kernel.hpp"
#include "cupp/jit/raw_kernel.hpp"
#include "cupp/jit/reduction_kernel.hpp"
#include "cupp/linalg/common.hpp"
#include "cupp/linalg/matmul.hpp"
#include "cupp/linalg/products.hpp"
#include "cupp/random.hpp"
#include "cupp/routines/creation.hpp"
#include "cupp/routines/reduction.hpp"
#include "cupp/routines/searching.hpp"
#include "cupp/routines/sets.hpp"
#include "cupp/routines/sorting.hpp"
#include "cupp/routines/statistics.hpp"
