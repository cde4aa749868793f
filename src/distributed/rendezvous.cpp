// SPDX-License-Identifier: MIT
// Copyright (c) 2026 The cupp authors
// The rendezvous that share an ncclUniqueId: a TCP store (rank 0 serves the id) and a file.
// Neither calls NCCL or CUDA: the id is just bytes.
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

#include "cupp/distributed.hpp"

namespace cupp::distributed::rendezvous {

namespace {
using clock = std::chrono::steady_clock;

struct Fd {
  int fd = -1;
  explicit Fd(int f) : fd(f) {}
  ~Fd() { if (fd >= 0) ::close(fd); }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
};

std::string where(const std::string& host, int port) { return host + ":" + std::to_string(port); }

[[noreturn]] void sys_fail(const std::string& what) {
  throw error("distributed rendezvous: " + what + ": " + std::strerror(errno));
}

bool write_all(int fd, const char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t w = ::send(fd, p, n, MSG_NOSIGNAL);
    if (w <= 0) { if (errno == EINTR) continue; return false; }
    p += w; n -= static_cast<std::size_t>(w);
  }
  return true;
}
bool read_all(int fd, char* p, std::size_t n) {
  while (n > 0) {
    const ssize_t r = ::recv(fd, p, n, 0);
    if (r == 0) return false;
    if (r < 0) { if (errno == EINTR) continue; return false; }
    p += r; n -= static_cast<std::size_t>(r);
  }
  return true;
}

addrinfo* resolve(const std::string& host, int port, bool passive) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  if (passive) hints.ai_flags = AI_PASSIVE;
  addrinfo* res = nullptr;
  const int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &res);
  if (rc != 0)
    throw error("distributed rendezvous: cannot resolve " + where(host, port) + ": " +
                ::gai_strerror(rc));
  return res;
}

// A one-second receive/accept timeout so waits notice the deadline.
void set_timeout(int fd, std::chrono::milliseconds t) {
  timeval tv{};
  tv.tv_sec = static_cast<long>(t.count() / 1000);
  tv.tv_usec = static_cast<long>((t.count() % 1000) * 1000);
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

const char kMagic[8] = {'c', 'u', 'p', 'p', 'n', 'c', 'c', 'l'};

UniqueId serve(const std::string& host, int port, int size, const UniqueId& id,
               std::chrono::milliseconds timeout) {
  addrinfo* res = resolve(host, port, true);
  Fd listener(::socket(res->ai_family, res->ai_socktype, res->ai_protocol));
  if (listener.fd < 0) { ::freeaddrinfo(res); sys_fail("socket"); }
  const int one = 1;
  ::setsockopt(listener.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  const int b = ::bind(listener.fd, res->ai_addr, res->ai_addrlen);
  ::freeaddrinfo(res);
  if (b != 0) sys_fail("rank 0 cannot listen on " + where(host, port));
  if (::listen(listener.fd, size) != 0) sys_fail("listen on " + where(host, port));
  set_timeout(listener.fd, std::chrono::milliseconds(200));
  const auto deadline = clock::now() + timeout;
  int served = 0;
  while (served < size - 1) {
    const int c = ::accept(listener.fd, nullptr, nullptr);
    if (c < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) sys_fail("accept");
      if (clock::now() >= deadline)
        throw error("distributed rendezvous: rank 0 at " + where(host, port) + " timed out after " +
                    std::to_string(timeout.count()) + " ms with " + std::to_string(served) +
                    " of " + std::to_string(size - 1) + " ranks connected");
      continue;
    }
    Fd conn(c);
    set_timeout(conn.fd, std::chrono::seconds(10));
    if (write_all(conn.fd, kMagic, sizeof kMagic) &&
        write_all(conn.fd, id.bytes().data(), UniqueId::kBytes))
      ++served;
  }
  return id;
}

UniqueId join(const std::string& host, int port, std::chrono::milliseconds timeout) {
  const auto deadline = clock::now() + timeout;
  std::string last = "no attempt";
  while (true) {
    addrinfo* res = nullptr;
    try { res = resolve(host, port, false); } catch (const error& e) { last = e.what(); }
    for (addrinfo* a = res; a != nullptr; a = a->ai_next) {
      Fd s(::socket(a->ai_family, a->ai_socktype, a->ai_protocol));
      if (s.fd < 0) continue;
      if (::connect(s.fd, a->ai_addr, a->ai_addrlen) != 0) { last = std::strerror(errno); continue; }
      set_timeout(s.fd, std::chrono::seconds(10));
      char magic[sizeof kMagic];
      UniqueId id;
      if (read_all(s.fd, magic, sizeof magic) && std::memcmp(magic, kMagic, sizeof magic) == 0 &&
          read_all(s.fd, id.bytes().data(), UniqueId::kBytes)) {
        ::freeaddrinfo(res);
        return id;
      }
      last = "the peer did not send a cupp unique id";
    }
    if (res) ::freeaddrinfo(res);
    if (clock::now() >= deadline)
      throw error("distributed rendezvous: cannot reach rank 0 at " + where(host, port) +
                  " after " + std::to_string(timeout.count()) + " ms (last error: " + last + ")");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}
}  // namespace

UniqueId tcp_exchange(const std::string& host, int port, int rank, int size, const UniqueId& id,
                      std::chrono::milliseconds timeout) {
  CUPP_EXPECTS(size >= 1, value_error, "tcp_exchange: size must be at least 1");
  detail::check_rank(rank, size, "tcp_exchange", "rank");
  CUPP_EXPECTS(port > 0 && port < 65536, value_error,
               "tcp_exchange: port " + std::to_string(port) + " is out of range");
  if (size == 1) return id;
  return rank == 0 ? serve(host, port, size, id, timeout) : join(host, port, timeout);
}

UniqueId file_exchange(const std::string& path, int rank, const UniqueId& id,
                       std::chrono::milliseconds timeout) {
  CUPP_EXPECTS(rank >= 0, value_error, "file_exchange: rank must not be negative");
  if (rank == 0) {
    const std::string tmp = path + ".tmp." + std::to_string(::getpid());
    {
      std::ofstream f(tmp, std::ios::trunc);
      f << id.to_string() << '\n';
      if (!f) throw error("distributed rendezvous: cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) sys_fail("cannot rename " + tmp + " to " + path);
    return id;
  }
  const auto deadline = clock::now() + timeout;
  while (true) {
    std::ifstream f(path);
    std::string s;
    if (f && (f >> s) && s.size() == 2 * UniqueId::kBytes) return UniqueId::from_string(s);
    if (clock::now() >= deadline)
      throw error("distributed rendezvous: " + path + " did not appear after " +
                  std::to_string(timeout.count()) + " ms (is rank 0 running?)");
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

InitMethod parse_init_method(const std::string& url) {
  InitMethod m;
  if (url.rfind("file://", 0) == 0) {
    m.scheme = "file";
    m.path = url.substr(7);
    CUPP_EXPECTS(!m.path.empty(), value_error, "init method '" + url + "' has no path");
    return m;
  }
  if (url.rfind("tcp://", 0) == 0) {
    m.scheme = "tcp";
    const std::string rest = url.substr(6);
    const auto colon = rest.rfind(':');
    CUPP_EXPECTS(colon != std::string::npos && colon > 0, value_error,
                 "init method '" + url + "' must be tcp://host:port");
    m.host = rest.substr(0, colon);
    if (m.host.size() > 2 && m.host.front() == '[' && m.host.back() == ']')
      m.host = m.host.substr(1, m.host.size() - 2);
    try {
      std::size_t used = 0;
      m.port = std::stoi(rest.substr(colon + 1), &used);
      CUPP_EXPECTS(used == rest.size() - colon - 1, value_error, "");
    } catch (const std::exception&) {
      throw value_error("init method '" + url + "' has a bad port");
    }
    CUPP_EXPECTS(m.port > 0 && m.port < 65536, value_error,
                 "init method '" + url + "' has a port out of range");
    return m;
  }
  throw value_error("init method '" + url + "' is neither tcp://host:port nor file:///path");
}

}  // namespace cupp::distributed::rendezvous
