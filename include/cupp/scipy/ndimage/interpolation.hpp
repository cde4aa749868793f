// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: map_coordinates, affine_transform, shift, zoom, rotate and the spline prefilters.
#pragma once

#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {}  // namespace cupp::scipy::ndimage
