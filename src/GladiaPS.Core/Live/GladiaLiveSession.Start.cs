using System;
using System.Threading;
using System.Threading.Tasks;
using GladiaPS.Core.Options;
using GladiaPS.Core.Rest;

namespace GladiaPS.Core.Live
{
    public sealed partial class GladiaLiveSession
    {
        /// <summary>
        /// Creates a session (<c>POST /v2/live</c>) and, once it exists, connects in the background.
        /// Acknowledgments are always requested, because resuming without loss depends on them; they
        /// reach the caller only when the options' <c>messages_config.receive_acknowledgments</c> is
        /// explicitly true or <see cref="LiveConnectionOptions.ForwardAcknowledgments"/> is set.
        /// </summary>
        /// <exception cref="Options.GladiaValidationException">An option is out of range (checked before any request).</exception>
        /// <exception cref="GladiaApiException">The server refused the init (401, 422, …), with its message.</exception>
        public static async Task<GladiaLiveSession> StartAsync(
            GladiaRestClient client,
            LiveSessionOptions options,
            LiveConnectionOptions? connection = null,
            EventHandler<LiveSessionStatusChangedEventArgs>? statusChanged = null,
            CancellationToken cancellationToken = default)
        {
            var session = Start(client, options, connection, statusChanged);
            try
            {
                await session.WaitUntilStartedAsync(cancellationToken).ConfigureAwait(false);
                return session;
            }
            catch
            {
                await session.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        /// <summary>
        /// Like <see cref="StartAsync"/> but returns at once, in <see cref="LiveSessionStatus.Starting"/>:
        /// audio can be queued while the init request is in flight. An init failure ends the session
        /// with <see cref="LiveSessionEndReason.StartFailed"/> and an error message.
        /// </summary>
        public static GladiaLiveSession Start(
            GladiaRestClient client,
            LiveSessionOptions options,
            LiveConnectionOptions? connection = null,
            EventHandler<LiveSessionStatusChangedEventArgs>? statusChanged = null)
        {
            if (client is null)
            {
                throw new ArgumentNullException(nameof(client));
            }

            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            var effective = WithAcknowledgments(options, connection, out var connectionOptions);
            effective.Validate();
            return StartWith(
                async token =>
                {
                    var created = await client.CreateLiveSessionAsync(effective, token).ConfigureAwait(false);
                    return new LiveSessionEndpoint(created.Id, created.Url);
                },
                connectionOptions,
                statusChanged);
        }

        /// <summary>A copy of the options with acknowledgments forced on; the caller's choice decides whether they are shown.</summary>
        internal static LiveSessionOptions WithAcknowledgments(
            LiveSessionOptions options, LiveConnectionOptions? connection, out LiveConnectionOptions connectionOptions)
        {
            var effective = options.Clone();
            effective.MessagesConfig ??= new MessagesConfig();
            connectionOptions = (connection ?? new LiveConnectionOptions()).Clone();
            connectionOptions.ForwardAcknowledgments |= effective.MessagesConfig.ReceiveAcknowledgments == true;
            connectionOptions.LosslessResume = true;
            if (connectionOptions.SampleFrameBytes == 1)
            {
                connectionOptions.SampleFrameBytes = Math.Max(1, effective.EffectiveBitDepth / 8 * effective.EffectiveChannels);
            }

            effective.MessagesConfig.ReceiveAcknowledgments = true;
            return effective;
        }
    }
}
