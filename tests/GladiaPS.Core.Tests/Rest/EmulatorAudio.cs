using System;
using System.Net.WebSockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace GladiaPS.Core.Tests.Rest
{
    /// <summary>Streams raw audio into an emulated session over a plain WebSocket, stops, and waits for the server's close.</summary>
    internal static class EmulatorAudio
    {
        public static async Task StreamAndStopAsync(Uri url, byte[] audio, CancellationToken cancellationToken)
        {
            using var socket = new ClientWebSocket();
            await socket.ConnectAsync(url, cancellationToken);
            const int frame = 32000;
            for (var offset = 0; offset < audio.Length; offset += frame)
            {
                var count = Math.Min(frame, audio.Length - offset);
                await socket.SendAsync(new ArraySegment<byte>(audio, offset, count), WebSocketMessageType.Binary, true, cancellationToken);
            }

            var stop = Encoding.UTF8.GetBytes("{\"type\":\"stop_recording\"}");
            await socket.SendAsync(new ArraySegment<byte>(stop), WebSocketMessageType.Text, true, cancellationToken);

            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open || socket.State == WebSocketState.CloseSent)
            {
                var result = await socket.ReceiveAsync(new ArraySegment<byte>(buffer), cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }
        }

        /// <summary>Deterministic 16-bit PCM noise: every byte position distinguishable.</summary>
        public static byte[] Pcm(int bytes, int seed)
        {
            var data = new byte[bytes];
            new Random(seed).NextBytes(data);
            return data;
        }
    }
}
