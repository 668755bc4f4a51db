using System;
using System.Text.Json;
using GladiaPS.Core.Models;

namespace GladiaPS.Core.Rest
{
    /// <summary>The answer of <c>POST /v2/upload</c>: the URL to give a job, and what the server read from the file.</summary>
    public sealed class UploadedAudio
    {
        internal UploadedAudio(Uri audioUrl) => AudioUrl = audioUrl;

        /// <summary>The URL a job takes as its <c>audio_url</c>.</summary>
        public Uri AudioUrl { get; }

        public string? Id { get; internal set; }

        public string? Filename { get; internal set; }

        public string? Extension { get; internal set; }

        /// <summary>Bytes the server received.</summary>
        public long? Size { get; internal set; }

        /// <summary>Seconds of audio.</summary>
        public double? AudioDuration { get; internal set; }

        public int? NumberOfChannels { get; internal set; }

        public override string ToString() => Filename ?? Id ?? string.Empty;

        internal static UploadedAudio? FromJson(JsonElement root)
        {
            var url = TolerantJson.GetString(root, "audio_url");
            if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var audioUrl) ||
                (audioUrl.Scheme != Uri.UriSchemeHttp && audioUrl.Scheme != Uri.UriSchemeHttps))
            {
                return null;
            }

            var uploaded = new UploadedAudio(audioUrl);
            if (TolerantJson.GetObject(root, "audio_metadata") is { } metadata)
            {
                uploaded.Id = TolerantJson.GetString(metadata, "id");
                uploaded.Filename = TolerantJson.GetString(metadata, "filename");
                uploaded.Extension = TolerantJson.GetString(metadata, "extension");
                uploaded.Size = TolerantJson.GetInt64(metadata, "size");
                uploaded.AudioDuration = TolerantJson.GetDouble(metadata, "audio_duration");
                uploaded.NumberOfChannels = TolerantJson.GetInt32(metadata, "number_of_channels");
            }

            return uploaded;
        }
    }
}
