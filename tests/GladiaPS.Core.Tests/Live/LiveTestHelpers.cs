using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Live;
using GladiaPS.Core.Messages;

namespace GladiaPS.Core.Tests.Live
{
    internal static class LiveTestHelpers
    {
        /// <summary>Generous, for a slow shared CI machine; waits return as soon as their signal fires.</summary>
        public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

        /// <summary>A connector that opens the first connection at once and holds every later one until <paramref name="gate"/> completes.</summary>
        public static Func<Uri, CancellationToken, Task<WebSocket>> HoldReconnectsUntil(Task gate)
        {
            var connections = 0;
            return async (url, token) =>
            {
                if (Interlocked.Increment(ref connections) > 1)
                {
                    await gate.WaitAsync(token);
                }

                var socket = new ClientWebSocket();
                await socket.ConnectAsync(url, token);
                return socket;
            };
        }

        public static byte[] Audio(int length, int seed)
        {
            var bytes = new byte[length];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        /// <summary>Options for tests: tiny reconnect delays so faults resolve quickly.</summary>
        public static LiveConnectionOptions FastOptions() => new LiveConnectionOptions
        {
            ReconnectDelay = TimeSpan.FromMilliseconds(5),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(40),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            CloseTimeout = TimeSpan.FromSeconds(10),
        };

        public static async Task SendInChunksAsync(GladiaLiveSession session, byte[] audio, int chunk, CancellationToken token = default)
        {
            for (var offset = 0; offset < audio.Length; offset += chunk)
            {
                await session.SendAudioAsync(audio.AsMemory(offset, Math.Min(chunk, audio.Length - offset)), token);
            }
        }

        public static async Task<List<LiveMessage>> ReadAllAsync(GladiaLiveSession session)
        {
            using var timeout = new CancellationTokenSource(Patience);
            var messages = new List<LiveMessage>();
            await foreach (var message in session.ReadMessagesAsync(timeout.Token))
            {
                messages.Add(message);
            }

            return messages;
        }

        public static async Task<T> Within<T>(Task<T> task, TimeSpan? limit = null)
        {
            var finished = await Task.WhenAny(task, Task.Delay(limit ?? Patience));
            if (finished != task)
            {
                throw new TimeoutException("The operation did not finish within " + (limit ?? Patience) + ".");
            }

            return await task;
        }

        public static async Task Within(Task task, TimeSpan? limit = null)
        {
            var finished = await Task.WhenAny(task, Task.Delay(limit ?? Patience));
            if (finished != task)
            {
                throw new TimeoutException("The operation did not finish within " + (limit ?? Patience) + ".");
            }

            await task;
        }
    }

    /// <summary>Records status events and lets a test wait for a particular one.</summary>
    internal sealed class StatusRecorder
    {
        private readonly object _gate = new object();
        private readonly List<(LiveSessionStatus Status, Func<LiveSessionStatusChangedEventArgs, bool> Match, TaskCompletionSource<LiveSessionStatusChangedEventArgs> Signal)> _waiters = new();

        public ConcurrentQueue<LiveSessionStatusChangedEventArgs> Events { get; } = new();

        public void OnChanged(object? sender, LiveSessionStatusChangedEventArgs args)
        {
            Events.Enqueue(args);
            lock (_gate)
            {
                foreach (var waiter in _waiters.ToArray())
                {
                    if (waiter.Status == args.Status && waiter.Match(args))
                    {
                        waiter.Signal.TrySetResult(args);
                        _waiters.Remove(waiter);
                    }
                }
            }
        }

        public Task<LiveSessionStatusChangedEventArgs> WaitFor(LiveSessionStatus status, Func<LiveSessionStatusChangedEventArgs, bool>? match = null)
        {
            var signal = new TaskCompletionSource<LiveSessionStatusChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_gate)
            {
                foreach (var seen in Events)
                {
                    if (seen.Status == status && (match?.Invoke(seen) ?? true))
                    {
                        signal.TrySetResult(seen);
                        return signal.Task;
                    }
                }

                _waiters.Add((status, match ?? (_ => true), signal));
            }

            return signal.Task;
        }
    }
}
