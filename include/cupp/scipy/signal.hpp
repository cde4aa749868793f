// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// cupp::scipy::signal: scipy.signal (cupyx.scipy.signal) with SciPy's names, arguments, defaults,
// results and errors (docs/scipy_signal.md). Include this header beside <cupp/array.hpp>; it is
// not part of it, as cupyx.scipy.signal is imported apart from cupy.
#pragma once

#include "cupp/array.hpp"
#include "cupp/scipy/signal/czt.hpp"
#include "cupp/scipy/signal/design.hpp"
#include "cupp/scipy/signal/filtering.hpp"
#include "cupp/scipy/signal/peaks.hpp"
#include "cupp/scipy/signal/spectral.hpp"
#include "cupp/scipy/signal/waveforms.hpp"
#include "cupp/scipy/signal/windows.hpp"
