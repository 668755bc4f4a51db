using System;
using System.Net.Http;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace GladiaPS.Emulator.Live
{
    /// <summary>
    /// Posts a session's callback messages (<c>{id, event: "live.&lt;type&gt;", payload}</c>) to its callback URL,
    /// one at a time and in order, so a receiver sees them in the order they were produced.
    /// </summary>
    internal sealed class CallbackSender
    {
        private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
        private readonly HttpClient _http;
        private readonly Uri _url;
        private readonly Task _pump;
        private int _delivered;
        private int _failed;

        private readonly Action _onAttempt;

        public CallbackSender(HttpClient http, Uri url, Action onAttempt, CancellationToken stopping)
        {
            _onAttempt = onAttempt;
            _http = http;
            _url = url;
            _pump = Task.Run(() => PumpAsync(stopping), CancellationToken.None);
        }

        public int Delivered => Volatile.Read(ref _delivered);

        public int Failed => Volatile.Read(ref _failed);

        public Task Completion => _pump;

        public void Enqueue(string sessionId, string type, JsonObject payload)
        {
            var body = new JsonObject
            {
                ["id"] = sessionId,
                ["event"] = "live." + type,
                ["payload"] = payload.DeepClone(),
            };
            _queue.Writer.TryWrite(body.ToJsonString());
        }

        public void Complete() => _queue.Writer.TryComplete();

        private async Task PumpAsync(CancellationToken stopping)
        {
            try
            {
                await foreach (var body in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
                {
                    try
                    {
                        using var content = new StringContent(body, Encoding.UTF8, "application/json");
                        using var response = await _http.PostAsync(_url, content, stopping).ConfigureAwait(false);
                        if (response.IsSuccessStatusCode) Interlocked.Increment(ref _delivered);
                        else Interlocked.Increment(ref _failed);
                    }
                    catch (HttpRequestException)
                    {
                        Interlocked.Increment(ref _failed);
                    }
                    catch (TaskCanceledException) when (!stopping.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref _failed);
                    }

                    _onAttempt();
                }
            }
            catch (OperationCanceledException)
            {
                // The emulator is shutting down.
            }
        }
    }
}
