using System;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Audio
{
    /// <summary>
    /// A stream of audio as interleaved 32-bit float samples (full scale ±1.0) in a known <see cref="Format"/>:
    /// the common shape of readers, decoders and converters, so they compose. Memory never grows with the input:
    /// a source holds at most a block or a filter's history.
    /// </summary>
    public interface IAudioSource : IDisposable
    {
        /// <summary>The rate and channels of the samples <see cref="ReadAsync"/> yields, and the encoding and bit
        /// depth they were decoded from (converters keep the input's encoding; it informs format choice).</summary>
        AudioFormat Format { get; }

        /// <summary>A name for errors and warnings (the file path), or null.</summary>
        string? Name { get; }

        /// <summary>
        /// Fills <paramref name="buffer"/> with up to its length of samples, whole frames only, and returns how many
        /// samples it wrote; 0 means the end. The buffer must hold at least one frame.
        /// </summary>
        ValueTask<int> ReadAsync(Memory<float> buffer, CancellationToken cancellationToken);
    }
}
