// C = A B for row-major float matrices, A m x k, B k x n, C m x n: a plain shared-memory tiled
// SGEMM. A block of 16 x 16 threads computes a 64 x 64 tile of C, each thread a 4 x 4 grid of it
// (rows ty + 16 i, columns tx + 16 j), stepping through k 16 at a time. Launch with block (16, 16)
// and grid (ceil(n / 64), ceil(m / 64)).
#define SGEMM_TILE_M 64
#define SGEMM_TILE_N 64
#define SGEMM_TILE_K 16
#define SGEMM_THREADS 16

extern "C" __global__ void sgemm(int m, int n, int k, const float* __restrict__ a,
                                 const float* __restrict__ b, float* __restrict__ c) {
  __shared__ float a_tile[SGEMM_TILE_K][SGEMM_TILE_M + 1];
  __shared__ float b_tile[SGEMM_TILE_K][SGEMM_TILE_N];
  const int tx = threadIdx.x, ty = threadIdx.y;
  const int tid = ty * SGEMM_THREADS + tx;
  const int row0 = blockIdx.y * SGEMM_TILE_M, col0 = blockIdx.x * SGEMM_TILE_N;
  float acc[4][4] = {};

  for (int k0 = 0; k0 < k; k0 += SGEMM_TILE_K) {
    for (int e = tid; e < SGEMM_TILE_M * SGEMM_TILE_K; e += SGEMM_THREADS * SGEMM_THREADS) {
      const int r = e / SGEMM_TILE_K, q = e % SGEMM_TILE_K;
      const int gr = row0 + r, gq = k0 + q;
      a_tile[q][r] = gr < m && gq < k ? a[(long long)gr * k + gq] : 0.0f;
    }
    for (int e = tid; e < SGEMM_TILE_K * SGEMM_TILE_N; e += SGEMM_THREADS * SGEMM_THREADS) {
      const int q = e / SGEMM_TILE_N, col = e % SGEMM_TILE_N;
      const int gq = k0 + q, gc = col0 + col;
      b_tile[q][col] = gq < k && gc < n ? b[(long long)gq * n + gc] : 0.0f;
    }
    __syncthreads();
#pragma unroll
    for (int q = 0; q < SGEMM_TILE_K; ++q) {
      float a_reg[4], b_reg[4];
#pragma unroll
      for (int i = 0; i < 4; ++i) a_reg[i] = a_tile[q][ty + SGEMM_THREADS * i];
#pragma unroll
      for (int j = 0; j < 4; ++j) b_reg[j] = b_tile[q][tx + SGEMM_THREADS * j];
#pragma unroll
      for (int i = 0; i < 4; ++i)
#pragma unroll
        for (int j = 0; j < 4; ++j) acc[i][j] += a_reg[i] * b_reg[j];
    }
    __syncthreads();
  }

#pragma unroll
  for (int i = 0; i < 4; ++i)
#pragma unroll
    for (int j = 0; j < 4; ++j) {
      const int r = row0 + ty + SGEMM_THREADS * i, col = col0 + tx + SGEMM_THREADS * j;
      if (r < m && col < n) c[(long long)r * n + col] = acc[i][j];
    }
}
