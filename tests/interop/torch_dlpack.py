#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""DLPack between cupp and PyTorch, in one process.

Usage: torch_dlpack.py <path of libcupp_dlpack_probe.so>

cupp's side is tests/interop/dlpack_probe.cpp, loaded with ctypes. Tensors cupp exports are
wrapped in PyCapsules named "dltensor_versioned" / "dltensor", as a Python binding would, and
given to torch.from_dlpack; tensors PyTorch exports (Tensor.__dlpack__, torch.utils.dlpack.
to_dlpack) are taken out of their capsules, handed to cupp, and the capsules renamed
"used_dltensor[_versioned]", as the protocol asks of a consumer that took ownership. Checks the
values of every dtype, strides, memory shared both ways, and that every deleter runs. Exits 1 at
the first failure; prints "all DLPack checks passed" at the end.
"""
import ctypes
import gc
import sys

# torch first: the probe's CUDA libraries (same sonames) are then PyTorch's, one runtime.
import torch
import torch.utils.dlpack

lib = ctypes.CDLL(sys.argv[1])
lib.cupp_probe_error.restype = ctypes.c_char_p
lib.cupp_probe_export.restype = ctypes.c_void_p
lib.cupp_probe_export.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.c_int]
lib.cupp_probe_export_special.restype = ctypes.c_void_p
lib.cupp_probe_export_special.argtypes = [ctypes.c_int, ctypes.c_int]
lib.cupp_probe_exported_alive.restype = ctypes.c_int
lib.cupp_probe_held_get.argtypes = [ctypes.POINTER(ctypes.c_double), ctypes.c_int64]
lib.cupp_probe_held_set_f32.argtypes = [ctypes.POINTER(ctypes.c_double), ctypes.c_int64]
lib.cupp_probe_import.argtypes = [ctypes.c_void_p, ctypes.c_int]
lib.cupp_probe_imported_info.argtypes = [ctypes.c_char_p, ctypes.POINTER(ctypes.c_int64),
                                         ctypes.POINTER(ctypes.c_int64)]
lib.cupp_probe_imported_get.argtypes = [ctypes.POINTER(ctypes.c_double), ctypes.c_int64]
lib.cupp_probe_imported_fill.argtypes = [ctypes.c_double]
lib.make_ramp.restype = ctypes.c_void_p
lib.make_ramp.argtypes = [ctypes.c_int64]
lib.scale_in_place.argtypes = [ctypes.c_void_p, ctypes.c_float]

capsule_new = ctypes.pythonapi.PyCapsule_New
capsule_new.restype = ctypes.py_object
capsule_new.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_void_p]
capsule_pointer = ctypes.pythonapi.PyCapsule_GetPointer
capsule_pointer.restype = ctypes.c_void_p
capsule_pointer.argtypes = [ctypes.py_object, ctypes.c_char_p]
capsule_set_name = ctypes.pythonapi.PyCapsule_SetName
capsule_set_name.restype = ctypes.c_int
capsule_set_name.argtypes = [ctypes.py_object, ctypes.c_char_p]
capsule_is_valid = ctypes.pythonapi.PyCapsule_IsValid
capsule_is_valid.restype = ctypes.c_int
capsule_is_valid.argtypes = [ctypes.py_object, ctypes.c_char_p]

# Module-level, so that the names outlive every capsule that points at them.
VERSIONED, USED_VERSIONED = b"dltensor_versioned", b"used_dltensor_versioned"
LEGACY, USED_LEGACY = b"dltensor", b"used_dltensor"

DTYPES = {
    "bool": torch.bool, "int8": torch.int8, "int16": torch.int16, "int32": torch.int32,
    "int64": torch.int64, "uint8": torch.uint8, "uint16": torch.uint16,
    "uint32": torch.uint32, "uint64": torch.uint64, "float16": torch.float16,
    "bfloat16": torch.bfloat16, "float32": torch.float32, "float64": torch.float64,
    "complex64": torch.complex64, "complex128": torch.complex128,
}

failures = 0


def check(cond, what):
    global failures
    if not cond:
        failures += 1
        print("FAILED:", what, flush=True)


def value(name, i):
    """Element i (C order) of the probe's arrays, as tolist() gives it."""
    if name == "bool":
        return i % 2 == 1
    if name.startswith("complex"):
        return complex(i, -i)
    return i


def rows(name, transposed=False):
    r = [[value(name, 3 * i + j) for j in range(3)] for i in range(2)]
    return [[r[i][j] for i in range(2)] for j in range(3)] if transposed else r


def real(v):
    return v.real if isinstance(v, complex) else float(v)


def cupp_export(name, versioned=True, transposed=False):
    ptr = lib.cupp_probe_export(name.encode(), int(versioned), int(transposed))
    if not ptr:
        raise RuntimeError(lib.cupp_probe_error().decode())
    return capsule_new(ptr, VERSIONED if versioned else LEGACY, None)


def cupp_import(capsule, versioned):
    """Hands the tensor in a PyTorch capsule to cupp; renames the capsule when cupp took it."""
    name = VERSIONED if versioned else LEGACY
    ptr = capsule_pointer(capsule, name)
    if lib.cupp_probe_import(ptr, int(versioned)) != 0:
        return lib.cupp_probe_error().decode()
    check(capsule_set_name(capsule, USED_VERSIONED if versioned else USED_LEGACY) == 0, "rename")
    return None


def imported_info():
    dtype = ctypes.create_string_buffer(32)
    shape = (ctypes.c_int64 * 8)()
    strides = (ctypes.c_int64 * 8)()
    ndim = lib.cupp_probe_imported_info(dtype, shape, strides)
    return dtype.value.decode(), tuple(shape[:ndim]), tuple(strides[:ndim])


def imported_values(n):
    out = (ctypes.c_double * n)()
    check(lib.cupp_probe_imported_get(out, n) == 0, "imported_get: " + lib.cupp_probe_error().decode())
    return list(out)


def held_values(n):
    out = (ctypes.c_double * n)()
    check(lib.cupp_probe_held_get(out, n) == 0, "held_get: " + lib.cupp_probe_error().decode())
    return list(out)


def released_everything():
    gc.collect()
    torch.cuda.synchronize()
    return lib.cupp_probe_exported_alive() == 0


def test_torch_takes_every_dtype_and_layout():
    device = torch.cuda.current_device()
    for name, dt in DTYPES.items():
        for versioned in (True, False):
            for transposed in (False, True):
                what = f"cupp -> torch {name} versioned={versioned} transposed={transposed}"
                t = torch.from_dlpack(cupp_export(name, versioned, transposed))
                check(t.device == torch.device("cuda", device), what + ": device " + str(t.device))
                check(t.dtype == dt, what + ": dtype " + str(t.dtype))
                check(tuple(t.shape) == ((3, 2) if transposed else (2, 3)), what + ": shape")
                check(t.stride() == ((1, 3) if transposed else (3, 1)), what + f": strides {t.stride()}")
                check(t.cpu().tolist() == rows(name, transposed), what + f": values {t.cpu().tolist()}")
                del t
    lib.cupp_probe_drop_held()
    check(released_everything(), "cupp's exports released once PyTorch's tensors are gone")


def test_memory_is_shared_from_cupp_to_torch():
    t = torch.from_dlpack(cupp_export("float32"))
    t.add_(10)
    torch.cuda.synchronize()
    check(held_values(6) == [10.0, 11.0, 12.0, 13.0, 14.0, 15.0], "torch's write seen by cupp")
    values = (ctypes.c_double * 6)(*[-1.0, -2.0, -3.0, -4.0, -5.0, -6.0])
    check(lib.cupp_probe_held_set_f32(values, 6) == 0, "held_set")
    check(t.tolist() == [[-1.0, -2.0, -3.0], [-4.0, -5.0, -6.0]], "cupp's write seen by torch")
    # cupp lets go first: PyTorch's tensor keeps the memory alive, and its deleter frees it.
    lib.cupp_probe_drop_held()
    gc.collect()
    check(lib.cupp_probe_exported_alive() == 1, "the exported tensor keeps cupp's memory alive")
    check(t.sum().item() == -21.0, "the memory is still readable")
    del t
    check(released_everything(), "PyTorch ran cupp's deleter")


class CuppArray:
    """What a Python binding of cupp would offer: the __dlpack__ protocol."""

    def __init__(self, name):
        self.name = name
        self.asked = None

    def __dlpack__(self, stream=None, max_version=None, dl_device=None, copy=None):
        self.asked = max_version
        return cupp_export(self.name, versioned=max_version is not None and max_version[0] >= 1)

    def __dlpack_device__(self):
        return (2, torch.cuda.current_device())  # kDLCUDA


def test_torch_from_dlpack_through_the_protocol():
    a = CuppArray("complex64")
    t = torch.from_dlpack(a)
    check(a.asked is not None and a.asked[0] == 1, f"torch asked for DLPack {a.asked}")
    check(t.tolist() == rows("complex64"), "values through __dlpack__")
    del t
    lib.cupp_probe_drop_held()
    check(released_everything(), "released through __dlpack__")


def torch_capsule(x, versioned):
    return x.__dlpack__(max_version=(1, 0)) if versioned else torch.utils.dlpack.to_dlpack(x)


def test_cupp_takes_every_dtype_and_layout():
    for name, dt in DTYPES.items():
        x = torch.tensor(rows(name), dtype=dt, device="cuda")
        torch.cuda.synchronize()
        for versioned in (True, False):
            # No dimension of size 1: PyTorch may export its stride as 1, whatever it is.
            r = rows(name)
            cases = [("contiguous", x, (2, 3), (3, 1), r),
                     ("transposed", x.t(), (3, 2), (1, 3), rows(name, True)),
                     ("stepped", x[:, ::2], (2, 2), (3, 2), [[r[0][0], r[0][2]], [r[1][0], r[1][2]]]),
                     ("offset", x[:, 1:], (2, 2), (3, 1), [[r[0][1], r[0][2]], [r[1][1], r[1][2]]])]
            for label, view, shape, strides, expected in cases:
                what = f"torch -> cupp {name} versioned={versioned} {label}"
                error = cupp_import(torch_capsule(view, versioned), versioned)
                check(error is None, what + f": refused: {error}")
                if error is not None:
                    continue
                info = imported_info()
                check(info == (name, shape, strides), what + f": {info}")
                flat = [real(v) for r in expected for v in r]
                check(imported_values(len(flat)) == flat, what + ": values")
    lib.cupp_probe_drop_imported()


def test_zero_dimensional_and_empty_tensors():
    for versioned in (True, False):
        what = f"(versioned={versioned})"
        t = torch.from_dlpack(capsule_new(lib.cupp_probe_export_special(0, int(versioned)),
                                          VERSIONED if versioned else LEGACY, None))
        check(t.dim() == 0 and t.item() == 42.0, "cupp's 0-d array in torch " + what)
        e = torch.from_dlpack(capsule_new(lib.cupp_probe_export_special(1, int(versioned)),
                                          VERSIONED if versioned else LEGACY, None))
        check(tuple(e.shape) == (0, 3) and e.is_cuda, "cupp's empty array in torch " + what)
        del t, e
        x = torch.tensor(7.0, device="cuda")
        torch.cuda.synchronize()
        check(cupp_import(torch_capsule(x, versioned), versioned) is None, "import 0-d " + what)
        check(imported_info() == ("float32", (), ()), "0-d in cupp " + what)
        check(imported_values(1) == [7.0], "0-d value in cupp " + what)
        y = torch.empty(0, 3, device="cuda", dtype=torch.int16)
        check(cupp_import(torch_capsule(y, versioned), versioned) is None, "import empty " + what)
        info = imported_info()
        check(info[:2] == ("int16", (0, 3)), f"empty in cupp {what}: {info}")
        check(imported_values(0) == [], "empty values in cupp " + what)
    lib.cupp_probe_drop_imported()
    check(released_everything(), "0-d and empty exports released")


def test_memory_is_shared_from_torch_to_cupp():
    for versioned in (True, False):
        x = torch.zeros(2, 3, device="cuda")
        torch.cuda.synchronize()
        check(cupp_import(torch_capsule(x, versioned), versioned) is None, "import zeros")
        check(lib.cupp_probe_imported_fill(5.0) == 0, "cupp fill")
        check(x.tolist() == [[5.0] * 3] * 2, f"cupp's write seen by torch (versioned={versioned})")
        x.fill_(3.0)
        torch.cuda.synchronize()
        check(imported_values(6) == [3.0] * 6, f"torch's write seen by cupp (versioned={versioned})")
        lib.cupp_probe_drop_imported()


def test_cupp_runs_torchs_deleter():
    nbytes = 64 << 20
    for versioned in (True, False):
        lib.cupp_probe_drop_imported()
        gc.collect()
        torch.cuda.synchronize()
        base = torch.cuda.memory_allocated()
        x = torch.empty(nbytes // 4, dtype=torch.float32, device="cuda")
        capsule = torch_capsule(x, versioned)
        check(cupp_import(capsule, versioned) is None, "import 64 MiB")
        del capsule, x
        gc.collect()
        check(torch.cuda.memory_allocated() == base + nbytes,
              f"cupp keeps PyTorch's memory alive (versioned={versioned})")
        lib.cupp_probe_drop_imported()
        check(torch.cuda.memory_allocated() == base,
              f"cupp ran PyTorch's deleter (versioned={versioned}): "
              f"{torch.cuda.memory_allocated() - base} bytes left")


def test_refused_tensors_stay_with_torch():
    x = torch.ones(3)  # host memory
    capsule = x.__dlpack__(max_version=(1, 0))
    error = cupp_import(capsule, True)
    check(error is not None and "CPU (kDLCPU)" in error, f"a CPU tensor is refused: {error}")
    check(capsule_is_valid(capsule, VERSIONED) == 1, "the refused capsule is still PyTorch's")
    del capsule  # PyTorch's capsule destructor runs its deleter
    gc.collect()
    try:
        f8 = torch.zeros(4, device="cuda").to(torch.float8_e4m3fn)
        capsule = f8.__dlpack__(max_version=(1, 0))
    except (AttributeError, BufferError, RuntimeError, TypeError, ValueError):
        return  # this PyTorch does not export float8
    error = cupp_import(capsule, True)
    check(error is not None and "kDLFloat8_e4m3fn" in error, f"float8 is refused: {error}")
    del capsule


def test_the_documented_example():
    t = torch.from_dlpack(capsule_new(lib.make_ramp(5), VERSIONED, None))
    check(t.tolist() == [0.0, 1.0, 2.0, 3.0, 4.0], "make_ramp")
    x = torch.ones(4, device="cuda")
    torch.cuda.synchronize()
    capsule = x.__dlpack__(max_version=(1, 0))
    if lib.scale_in_place(capsule_pointer(capsule, VERSIONED), 2.5) == 0:
        capsule_set_name(capsule, USED_VERSIONED)
    else:
        check(False, "scale_in_place refused the tensor")
    check(x.tolist() == [2.5] * 4, "scale_in_place")


# The exit code that says "no CUDA-enabled torch here": the test skips instead of failing.
NO_CUDA_TORCH = 3


def main():
    if not torch.cuda.is_available():
        print("torch", torch.__version__, "has no CUDA device")
        return NO_CUDA_TORCH
    tests = [test_torch_takes_every_dtype_and_layout, test_memory_is_shared_from_cupp_to_torch,
             test_torch_from_dlpack_through_the_protocol, test_cupp_takes_every_dtype_and_layout,
             test_zero_dimensional_and_empty_tensors,
             test_memory_is_shared_from_torch_to_cupp, test_cupp_runs_torchs_deleter,
             test_refused_tensors_stay_with_torch, test_the_documented_example]
    print("torch", torch.__version__, "on", torch.cuda.get_device_name(), flush=True)
    for test in tests:
        before = failures
        try:
            test()
        except Exception as e:  # noqa: BLE001 - report and go on to the next check
            check(False, f"{test.__name__} raised {type(e).__name__}: {e}")
        print(("ok   " if failures == before else "FAIL ") + test.__name__, flush=True)
    if failures:
        print(f"{failures} DLPack checks failed")
        return 1
    print("all DLPack checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
