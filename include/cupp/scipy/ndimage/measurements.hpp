// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage, as scipy.ndimage: label, find_objects, the statistics over labels, value_indices and distance_transform_edt.
#pragma once

#include "cupp/scipy/ndimage/common.hpp"

namespace cupp::scipy::ndimage {}  // namespace cupp::scipy::ndimage
