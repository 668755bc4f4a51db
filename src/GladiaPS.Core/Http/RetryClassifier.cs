using System;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace GladiaPS.Core.Http
{
    /// <summary>Decides which outcomes of an attempt are worth another attempt.</summary>
    internal static class RetryClassifier
    {
        /// <summary>
        /// Statuses retried for reads and deletes: 408, 429 and 5xx except 501 (not implemented) and
        /// 505 (version not supported), which a repeat cannot fix. Never 400, 401, 403, 404, 413
        /// (the same oversized body would be refused again) or 422.
        /// </summary>
        public static bool IsRetryableStatus(int status, RetryMode mode)
        {
            switch (mode)
            {
                case RetryMode.Idempotent:
                    return status == 408 || status == 429 || (status >= 500 && status <= 599 && status != 501 && status != 505);
                case RetryMode.CreateOnlyIfNotCreated:
                    // Retrying POST /v2/live is safe only when the server certainly did not create a session:
                    //  429 — rejected by rate limiting before any work;
                    //  503 — the service refused the request (overloaded / maintenance);
                    //  408 — the server gave up waiting for the complete request, so it never processed it.
                    // Not 500/502/504: the session may have been created before the failure (or behind the
                    // gateway), and a repeat would leave an orphan session that is billed and never used.
                    return status == 408 || status == 429 || status == 503;
                default:
                    return false;
            }
        }

        /// <summary>Whether an exception thrown by an attempt should lead to another attempt.</summary>
        public static bool IsRetryableException(Exception exception, RetryMode mode)
        {
            if (IsTlsFailure(exception))
            {
                // A certificate the client does not trust (or a TLS setup it cannot agree to) fails the same way
                // on every attempt; retrying only delays the clear error.
                return false;
            }

            switch (mode)
            {
                case RetryMode.Idempotent:
                    return exception is AttemptTimeoutException || exception is HttpRequestException || exception is System.IO.IOException;
                case RetryMode.CreateOnlyIfNotCreated:
                    // A timeout or a connection dropped after the request went out is ambiguous: the
                    // server may have created the session and lost only the answer. Only failures that
                    // happen before a byte of the request reaches the server are retried.
                    return exception is HttpRequestException && FailedBeforeSending(exception);
                default:
                    return false;
            }
        }

        /// <summary>A TLS handshake failure (an untrusted or invalid certificate) anywhere in the chain.</summary>
        internal static bool IsTlsFailure(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is AuthenticationException)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Connection refused, name not resolved, network unreachable, TLS handshake failed: the request was never sent.</summary>
        internal static bool FailedBeforeSending(Exception exception)
        {
            for (var e = exception; e != null; e = e.InnerException)
            {
                if (e is SocketException socket)
                {
                    switch (socket.SocketErrorCode)
                    {
                        case SocketError.ConnectionRefused:
                        case SocketError.HostNotFound:
                        case SocketError.TryAgain:
                        case SocketError.NoData:
                        case SocketError.HostUnreachable:
                        case SocketError.NetworkUnreachable:
                        case SocketError.HostDown:
                        case SocketError.NetworkDown:
                        case SocketError.AddressNotAvailable:
                        case SocketError.AddressFamilyNotSupported:
                            return true;
                        default:
                            return false;
                    }
                }

                if (e is AuthenticationException)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
