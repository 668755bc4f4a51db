using System;
using System.Threading.Tasks;

namespace GladiaPS.Emulator.Tests.Support
{
    /// <summary>
    /// Streams audio through a <see cref="LiveTestClient"/>, reconnecting to the same URL whenever the connection
    /// drops, and re-sending either from the last acknowledged byte (what a correct client does) or from the start.
    /// </summary>
    internal static class ResumingSender
    {
        public static async Task SendAsync(LiveTestClient client, byte[] audio, int chunkSize, bool resendFromLastAck, int maxReconnects = 20)
        {
            var offset = 0L;
            var reconnects = 0;
            while (true)
            {
                try
                {
                    while (offset < audio.Length)
                    {
                        if (client.IsDisconnected) throw new DroppedException();
                        var length = (int)Math.Min(chunkSize, audio.Length - offset);
                        await client.SendBinaryAsync(audio.AsMemory((int)offset, length));
                        offset += length;
                    }

                    // Everything is sent; it is safe once it is all acknowledged, unless the connection drops first.
                    await client.WaitUntilAsync(c => c.LastAckEnd >= audio.Length || c.IsDisconnected, "all audio acknowledged or a drop");
                    if (client.LastAckEnd < audio.Length) throw new DroppedException();
                    if (client.IsDisconnected) await client.ConnectAsync();
                    return;
                }
                catch (Exception ex) when (ex is DroppedException or System.Net.WebSockets.WebSocketException or System.IO.IOException or ObjectDisposedException)
                {
                    if (++reconnects > maxReconnects) throw new InvalidOperationException($"more than {maxReconnects} reconnects", ex);
                    await client.WaitForDisconnectAsync();
                    offset = resendFromLastAck ? client.LastAckEnd : 0;
                    await client.ConnectAsync();
                }
            }
        }

        private sealed class DroppedException : Exception
        {
        }
    }
}
