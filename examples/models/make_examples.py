"""Writes the example model files of this folder, byte by byte (no ML library needed or used).

Run from this folder: python3 make_examples.py. The files are tiny on purpose: the ONNX model keeps
its 1024x1200 weight in an external file that is not shipped (mlindex never opens external data), and
the GGUF file holds metadata only.
"""
import json
import struct


def varint(n):
    out = b''
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def key(field, wire):
    return varint((field << 3) | wire)


def vint(field, n):
    return key(field, 0) + varint(n)


def ldelim(field, payload):
    if isinstance(payload, str):
        payload = payload.encode()
    return key(field, 2) + varint(len(payload)) + payload


def value_info(name, dims):
    shape = b''.join(ldelim(1, vint(1, d)) for d in dims)
    return ldelim(1, name) + ldelim(2, ldelim(1, vint(1, 1) + ldelim(2, shape)))


def onnx():
    weight = (vint(1, 1024) + vint(1, 1200) + vint(2, 1) + ldelim(8, 'W')
              + ldelim(13, ldelim(1, 'location') + ldelim(2, 'encoder.weights')) + vint(14, 1))
    node = ldelim(1, 'x') + ldelim(1, 'W') + ldelim(2, 'y') + ldelim(3, 'gemm') + ldelim(4, 'Gemm')
    graph = (ldelim(1, node) + ldelim(2, 'encoder') + ldelim(5, weight) + ldelim(11, value_info('x', [1, 1024]))
             + ldelim(11, value_info('W', [1024, 1200])) + ldelim(12, value_info('y', [1, 1200])))
    return vint(1, 8) + ldelim(2, 'mlindex-examples') + ldelim(3, '1.0') + ldelim(7, graph) + ldelim(8, ldelim(1, '') + vint(2, 17))


def safetensors():
    header = {"embed.weight": {"dtype": "F32", "shape": [64, 32], "data_offsets": [0, 8192]},
              "embed.bias": {"dtype": "F32", "shape": [32], "data_offsets": [8192, 8320]},
              "__metadata__": {"format": "pt"}}
    h = json.dumps(header).encode()
    h += b' ' * ((8 - len(h) % 8) % 8)
    return struct.pack('<Q', len(h)) + h + bytes(8320)


def gguf():
    def s(text):
        b = text.encode()
        return struct.pack('<Q', len(b)) + b
    kvs = [('general.architecture', 8, s('llama')), ('general.name', 8, s('tiny-example')),
           ('general.parameter_count', 10, struct.pack('<Q', 7_241_732_096)),
           ('llama.context_length', 4, struct.pack('<I', 4096))]
    out = b'GGUF' + struct.pack('<I', 3) + struct.pack('<Q', 0) + struct.pack('<Q', len(kvs))
    for k, t, v in kvs:
        out += s(k) + struct.pack('<I', t) + v
    return out


def pickle_v2(body):
    return b'\x80\x02' + body + b'.'


FILES = {
    'encoder.onnx': onnx(),
    'adapter.safetensors': safetensors(),
    'tiny-llm.gguf': gguf(),
    # RandomForestClassifier(n_estimators=200, max_depth=8), as opcodes: GLOBAL, EMPTY_TUPLE, NEWOBJ, BUILD
    'classifier.pkl': pickle_v2(b'csklearn.ensemble._forest\nRandomForestClassifier\n)\x81}(X\x0c\x00\x00\x00'
                                b'n_estimatorsK\xc8X\t\x00\x00\x00max_depthK\x08ub'),
    # eval('1+1') on unpickling: harmless, but exactly the kind of pickle mlindex must flag and never load
    'unsafe.pkl': pickle_v2(b'cbuiltins\neval\nX\x03\x00\x00\x001+1\x85R'),
}

for name, data in FILES.items():
    with open(name, 'wb') as f:
        f.write(data)
