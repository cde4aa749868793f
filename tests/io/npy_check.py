# SPDX-License-Identifier: MIT
# Copyright (c) 2026 The cupp authors
"""NumPy's side of the file tests (tests/io/test_numpy_files.cpp).

  python3 npy_check.py write DIR   writes .npy/.npz files with NumPy and DIR/manifest.txt
  python3 npy_check.py check DIR   reads the files listed in DIR/manifest.txt (written by cupp)
                                   with NumPy and compares them with the formula below

Every array holds, at C-order index i, the value (i * 7 % 13) - 6 cast to its dtype (for bool:
that value != 0; for complex: that value + 1j * ((i * 5 % 11) - 5); for bfloat16, which NumPy
lacks, the upper half of the float32 bits, in a '<V2' file as ml_dtypes writes it). The C++ test
computes the same values itself. A manifest line is
  FILE MEMBER DTYPE ORDER SHAPE
MEMBER: '-' for a .npy file, 'raw' for a tofile file, else the array's name in the .npz archive;
DTYPE: cupp's name; ORDER: C or F; SHAPE: comma-separated dimensions, '-' for a 0-d array.
Exit code 0 when everything matches, 1 (with the differences printed) otherwise.
"""
import os
import sys

import numpy as np

DTYPES = ['bool', 'int8', 'int16', 'int32', 'int64', 'uint8', 'uint16', 'uint32', 'uint64',
          'float16', 'bfloat16', 'float32', 'float64', 'complex64', 'complex128']


def expected(name, shape, order):
    n = int(np.prod(shape, dtype=np.int64))
    i = np.arange(n, dtype=np.int64)
    v = (i * 7 % 13) - 6
    w = (i * 5 % 11) - 5
    if name == 'bool':
        a = v != 0
    elif name.startswith('complex'):
        a = (v + 1j * w).astype(name)
    elif name == 'bfloat16':
        a = (v.astype(np.float32).view(np.uint32) >> 16).astype(np.uint16)
    else:
        a = v.astype(name)  # negative values wrap for the unsigned dtypes, as C++'s casts do
    # copy(order=...), not asfortranarray/ascontiguousarray: those make a 0-d array 1-d.
    return a.reshape(shape).copy(order=order)


def shape_text(shape):
    return ','.join(str(d) for d in shape) if shape else '-'


def parse_shape(text):
    return () if text == '-' else tuple(int(d) for d in text.split(','))


def save_bfloat16(path, bits, fortran):
    """What numpy.save writes for an ml_dtypes.bfloat16 array: descr '<V2'."""
    with open(path, 'wb') as f:
        np.lib.format.write_array_header_1_0(
            f, {'descr': '<V2', 'fortran_order': fortran, 'shape': bits.shape})
        f.write(bits.tobytes(order='F' if fortran else 'C'))


def write(out):
    lines = []

    def add(file, member, name, order, shape):
        lines.append(' '.join([file, member, name, order, shape_text(shape)]))

    shape = (2, 3, 4)
    for name in DTYPES:
        for order in 'CF':
            a = expected(name, shape, order)
            file = '%s_%s.npy' % (name, order)
            if name == 'bfloat16':
                save_bfloat16(os.path.join(out, file), a, order == 'F')
            else:
                np.save(os.path.join(out, file), a)
            add(file, '-', name, order, shape)
            if name != 'bfloat16' and a.dtype.itemsize > 1:
                file = '%s_%s_big.npy' % (name, order)
                big = a.astype(a.dtype.newbyteorder('>'), order='K')
                assert big.dtype.str[0] == '>'
                np.save(os.path.join(out, file), big)
                add(file, '-', name, order, shape)
        for label, s in (('empty', (0, 3)), ('0d', ())):
            a = expected(name, s, 'C')
            file = '%s_%s.npy' % (name, label)
            if name == 'bfloat16':
                save_bfloat16(os.path.join(out, file), a, False)
            else:
                np.save(os.path.join(out, file), a)
            add(file, '-', name, 'C', s)
    # Format versions 2.0 and 3.0, which numpy.save only picks for huge or non-latin-1 headers.
    for version in ((2, 0), (3, 0)):
        file = 'float32_v%d.npy' % version[0]
        with open(os.path.join(out, file), 'wb') as f:
            np.lib.format.write_array(f, expected('float32', (5, 7), 'C'), version=version)
        add(file, '-', 'float32', 'C', (5, 7))
    # Archives: several arrays, stored and compressed, named and positional.
    members = {'a': ('float32', 'C', (3, 4)), 'b': ('int64', 'F', (2, 5)),
               'c': ('complex128', 'C', (7,)), 'd': ('bool', 'C', ()), 'e': ('uint16', 'F', (4, 2, 3))}
    arrays = {k: expected(n, s, o) for k, (n, o, s) in members.items()}
    for file, save in (('named.npz', np.savez), ('compressed.npz', np.savez_compressed)):
        save(os.path.join(out, file), **arrays)
        for k, (name, order, s) in members.items():
            add(file, k, name, order, s)
    np.savez(os.path.join(out, 'positional.npz'), expected('int8', (9,), 'C'),
             expected('float64', (3, 3), 'F'))
    add('positional.npz', 'arr_0', 'int8', 'C', (9,))
    add('positional.npz', 'arr_1', 'float64', 'F', (3, 3))
    with open(os.path.join(out, 'manifest.txt'), 'w') as f:
        f.write('\n'.join(lines) + '\n')
    return 0


def check(out):
    failures = []
    count = 0
    with open(os.path.join(out, 'manifest.txt')) as f:
        entries = [line.split() for line in f if line.strip()]
    for file, member, name, order, shape in entries:
        where = '%s[%s]' % (file, member)
        shape = parse_shape(shape)
        path = os.path.join(out, file)
        try:
            if member == 'raw':
                dt = np.dtype('<u2') if name == 'bfloat16' else np.dtype(name)
                a = np.fromfile(path, dtype=dt).reshape(shape)
            elif member == '-':
                with open(path, 'rb') as f:
                    version = np.lib.format.read_magic(f)
                    if version != (1, 0):
                        failures.append('%s: format version %s, expected (1, 0)' % (where, version))
                    np.lib.format.read_array_header_1_0(f)
                    if f.tell() % 64 != 0:
                        failures.append('%s: the data starts at %d' % (where, f.tell()))
                a = np.load(path)
            else:
                with np.load(path) as z:
                    a = z[member]
        except Exception as e:  # report and go on with the other files
            failures.append('%s: numpy cannot read it: %r' % (where, e))
            continue
        count += 1
        if name == 'bfloat16' and member != 'raw':
            if a.dtype.kind != 'V' or a.dtype.itemsize != 2:
                failures.append('%s: dtype %s, expected V2 (bfloat16)' % (where, a.dtype))
                continue
            a = a.view('<u2')
        elif member != 'raw' and a.dtype != np.dtype(name):
            failures.append('%s: dtype %s, expected %s' % (where, a.dtype, name))
            continue
        if a.shape != shape:
            failures.append('%s: shape %s, expected %s' % (where, a.shape, shape))
            continue
        fortran = a.flags.f_contiguous and not a.flags.c_contiguous
        if member != 'raw' and fortran != (order == 'F' and a.ndim > 1 and a.size > 1):
            failures.append('%s: fortran order %s, expected order %s' % (where, fortran, order))
        want = expected(name, shape, 'C')
        if not np.array_equal(a, want):
            failures.append('%s: values differ:\n  got      %r\n  expected %r' % (where, a, want))
    for line in failures:
        print(line)
    print('%d arrays read, %d failures' % (count, len(failures)))
    return 1 if failures or count == 0 else 0


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ('write', 'check'):
        print(__doc__)
        return 2
    return write(sys.argv[2]) if sys.argv[1] == 'write' else check(sys.argv[2])


if __name__ == '__main__':
    sys.exit(main())
