// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::ndimage: scipy.ndimage (cupyx.scipy.ndimage) on device arrays, with SciPy's
// names, arguments, defaults, boundary modes and results (docs/scipy_ndimage.md). Include this
// header beside <cupp/array.hpp>; it is not part of it, as cupyx.scipy.ndimage is imported apart
// from cupy.
#pragma once

#include "cupp/array.hpp"
#include "cupp/scipy/ndimage/common.hpp"
#include "cupp/scipy/ndimage/filters.hpp"
#include "cupp/scipy/ndimage/fourier.hpp"
#include "cupp/scipy/ndimage/interpolation.hpp"
#include "cupp/scipy/ndimage/measurements.hpp"
#include "cupp/scipy/ndimage/morphology.hpp"
