using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Audio.Inputs;
using Xunit;

namespace GladiaPS.Core.Tests.Audio.Inputs
{
    public class AudioBytePipeTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

        [Fact]
        public async Task A_writer_waits_while_the_pipe_is_full_and_goes_on_once_bytes_are_read()
        {
            var pipe = new AudioBytePipe(capacity: 100);
            Assert.True(await pipe.WriteAsync(new byte[80]).WaitAsync(Limit));

            var blocked = pipe.WriteAsync(new byte[40]);
            Assert.False(blocked.IsCompleted);

            var buffer = new byte[50];
            Assert.Equal(50, await pipe.ReadAsync(buffer, 0, buffer.Length).WaitAsync(Limit));
            Assert.True(await blocked.WaitAsync(Limit));
        }

        [Fact]
        public async Task A_piece_larger_than_the_capacity_is_taken_whole_when_the_pipe_is_empty()
        {
            var pipe = new AudioBytePipe(capacity: 10);
            Assert.True(await pipe.WriteAsync(new byte[1000]).WaitAsync(Limit));
            pipe.Complete();

            var total = 0;
            var buffer = new byte[64];
            int n;
            while ((n = await pipe.ReadAsync(buffer, 0, buffer.Length).WaitAsync(Limit)) > 0)
            {
                total += n;
            }

            Assert.Equal(1000, total);
        }

        [Fact]
        public async Task Bytes_come_out_as_they_went_in()
        {
            var pipe = new AudioBytePipe();
            await pipe.WriteAsync(new byte[] { 1, 2, 3 }).WaitAsync(Limit);
            await pipe.WriteAsync(new byte[] { 4, 5 }).WaitAsync(Limit);
            pipe.Complete();

            var buffer = new byte[4];
            Assert.Equal(4, await pipe.ReadAsync(buffer, 0, 4).WaitAsync(Limit));
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, buffer);
            Assert.Equal(1, await pipe.ReadAsync(buffer, 0, 4).WaitAsync(Limit));
            Assert.Equal(5, buffer[0]);
            Assert.Equal(0, await pipe.ReadAsync(buffer, 0, 4).WaitAsync(Limit));
        }

        [Fact]
        public async Task Once_nothing_reads_a_waiting_writer_is_released_with_false_instead_of_hanging()
        {
            var pipe = new AudioBytePipe(capacity: 10);
            await pipe.WriteAsync(new byte[10]).WaitAsync(Limit);
            var blocked = pipe.WriteAsync(new byte[10]);

            pipe.CloseReading();

            Assert.False(await blocked.WaitAsync(Limit));
            Assert.False(await pipe.WriteAsync(new byte[1]).WaitAsync(Limit));
        }

        [Fact]
        public async Task A_reader_waiting_for_bytes_can_be_cancelled()
        {
            var pipe = new AudioBytePipe();
            using var cancel = new CancellationTokenSource();
            var reading = pipe.ReadAsync(new byte[10], 0, 10, cancel.Token);

            cancel.Cancel();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Limit));
        }
    }
}
