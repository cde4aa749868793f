// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
#pragma once

#include <cuda_runtime_api.h>

#include <cstdint>
#include <memory>
#include <vector>

#include "cupp/cuda/stream.hpp"

namespace cupp::cuda {

class Allocator;

/// An instantiated CUDA graph, as cupy.cuda.Graph: what Stream::end_capture returns. Launching
/// it replays the captured work with one call, on the memory the capture used: the arrays it
/// read and wrote must stay alive, and are read and written in place at every replay. The
/// memory the capture allocated and freed is kept for the graph by the memory pool until the
/// Graph is destroyed (see docs/graphs.md). Move-only; not for use by two threads at once. The
/// streams it is launched on must outlive it: its memory is released after their work.
class Graph {
 public:
  /// Takes over `other`'s graph and memory; `other` is left empty.
  Graph(Graph&& other) noexcept;
  /// Releases this graph (as the destructor does) and takes over `other`'s.
  Graph& operator=(Graph&& other) noexcept;
  Graph(const Graph&) = delete;
  Graph& operator=(const Graph&) = delete;
  /// Gives the graph's memory back to the pool, for reuse once every launch so far is done.
  ~Graph();

  /// Enqueues a replay of the graph on `stream` (the current stream by default), as
  /// cupy.cuda.Graph.launch.
  void launch(cudaStream_t stream = get_current_stream());
  /// Uploads the graph to the device ahead of its first launch, so that the launch itself is
  /// fast, as cupy.cuda.Graph.upload.
  void upload(cudaStream_t stream = get_current_stream());

  /// The captured cudaGraph_t; it stays this object's.
  cudaGraph_t graph() const noexcept { return graph_; }
  /// The instantiated cudaGraphExec_t that launch() replays; it stays this object's.
  cudaGraphExec_t exec() const noexcept { return exec_; }

 private:
  friend class Stream;
  Graph(cudaGraph_t graph, cudaGraphExec_t exec, std::shared_ptr<Allocator> allocator,
        std::uint64_t memory) noexcept;
  void reset() noexcept;

  cudaGraph_t graph_ = nullptr;
  cudaGraphExec_t exec_ = nullptr;
  std::shared_ptr<Allocator> allocator_;  // holds the graph's memory (Note [Graph memory])
  std::uint64_t memory_ = 0;
  std::vector<cudaStream_t> replayed_on_;
};

}  // namespace cupp::cuda
