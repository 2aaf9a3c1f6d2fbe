using System;
using System.Buffers;
using System.Text;

namespace AtomicWrite.Internal;

/// <summary>A NUL-terminated UTF-8 copy of a path in a pooled, pinned buffer.</summary>
internal unsafe struct NativePath : IDisposable
{
    private byte[]? _buffer;
    private System.Runtime.InteropServices.GCHandle _pin;

    internal NativePath(string path)
    {
        int max = Encoding.UTF8.GetMaxByteCount(path.Length) + 1;
        _buffer = ArrayPool<byte>.Shared.Rent(max);
        int n = Encoding.UTF8.GetBytes(path, 0, path.Length, _buffer, 0);
        _buffer[n] = 0;
        ByteLength = n;
        _pin = System.Runtime.InteropServices.GCHandle.Alloc(_buffer, System.Runtime.InteropServices.GCHandleType.Pinned);
        Pointer = (byte*)_pin.AddrOfPinnedObject();
    }

    internal byte* Pointer { get; private set; }

    internal int ByteLength { get; }

    public void Dispose()
    {
        if (_buffer is not null)
        {
            _pin.Free();
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
            Pointer = null;
        }
    }
}
