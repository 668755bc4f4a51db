using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using GladiaPS.TestSupport.ToneWords;

namespace GladiaPS.Emulator.Protocol
{
    /// <summary>A validated init request, with defaults applied (reference §3).</summary>
    internal sealed class SessionConfig
    {
        private SessionConfig(JsonElement body)
        {
            Encoding = String(body, "encoding") ?? "wav/pcm";
            var defaultBitDepth = Encoding == "wav/pcm" ? 16 : 8;
            BitDepth = Int(body, "bit_depth") ?? defaultBitDepth;
            SampleRate = Int(body, "sample_rate") ?? 16000;
            Channels = Int(body, "channels") ?? 1;
            Model = String(body, "model") ?? "solaria-1";
            Endpointing = Number(body, "endpointing") ?? 0.05;
            MaximumDurationWithoutEndpointing = Number(body, "maximum_duration_without_endpointing") ?? 5;
            CustomMetadata = Object(body, "custom_metadata") is { } metadata ? JsonNode.Parse(metadata.GetRawText()) as JsonObject : null;

            var languages = Object(body, "language_config") is { } lc && Array(lc, "languages") is { } list
                ? list.EnumerateArray().Select(l => l.GetString()!).ToArray()
                : System.Array.Empty<string>();
            Language = languages.Length == 1 ? languages[0] : "en";

            var realtime = Object(body, "realtime_processing");
            if (realtime is { } rt && Bool(rt, "translation") == true)
            {
                TranslationTargets = Object(rt, "translation_config") is { } tc && Array(tc, "target_languages") is { } targets
                    ? targets.EnumerateArray().Select(t => t.GetString()!).ToArray()
                    : new[] { "en" };
            }

            NamedEntityRecognition = realtime is { } r1 && Bool(r1, "named_entity_recognition") == true;
            SentimentAnalysis = realtime is { } r2 && Bool(r2, "sentiment_analysis") == true;

            var post = Object(body, "post_processing");
            if (post is { } pp && Bool(pp, "summarization") == true)
                SummarizationType = Object(pp, "summarization_config") is { } sc && String(sc, "type") is { } type ? type : "general";

            Socket = MessageFlags.From(Object(body, "messages_config"));
            var callbackConfig = Object(body, "callback_config");
            if (Bool(body, "callback") == true && callbackConfig is { } cc && String(cc, "url") is { } url)
            {
                CallbackUrl = new Uri(url);
                Callback = MessageFlags.From(cc);
            }
            else
            {
                Callback = MessageFlags.None;
            }

            RequestParams = BuildRequestParams(body);
        }

        public string Encoding { get; }
        public int BitDepth { get; }
        public int SampleRate { get; }
        public int Channels { get; }
        public string Model { get; }
        public double Endpointing { get; }
        public double MaximumDurationWithoutEndpointing { get; }
        public JsonObject? CustomMetadata { get; }
        public string Language { get; }
        public IReadOnlyList<string> TranslationTargets { get; } = System.Array.Empty<string>();
        public bool NamedEntityRecognition { get; }
        public bool SentimentAnalysis { get; }
        public string? SummarizationType { get; }
        public MessageFlags Socket { get; }
        public MessageFlags Callback { get; }
        public Uri? CallbackUrl { get; }
        public JsonObject RequestParams { get; }

        public ToneAudioFormat Format => new(
            Encoding switch { "wav/alaw" => ToneEncoding.ALaw, "wav/ulaw" => ToneEncoding.MuLaw, _ => ToneEncoding.Pcm },
            BitDepth, SampleRate, Channels);

        public UtteranceRules Rules => new(Endpointing, MaximumDurationWithoutEndpointing);

        /// <summary>Validates a parsed body; returns the config or the list of problems (each naming its field).</summary>
        public static SessionConfig? TryCreate(JsonElement body, out IReadOnlyList<string> errors)
        {
            var problems = new List<string>();
            InitSchema.Root.Check(body, string.Empty, problems);
            if (problems.Count == 0) CheckCrossFieldRules(body, problems);
            errors = problems;
            return problems.Count == 0 ? new SessionConfig(body) : null;
        }

        private static void CheckCrossFieldRules(JsonElement body, List<string> problems)
        {
            var encoding = String(body, "encoding") ?? "wav/pcm";
            if (encoding != "wav/pcm" && Int(body, "bit_depth") is { } depth && depth != 8)
                problems.Add($"bit_depth must be 8 when encoding is {encoding}");

            var callback = Bool(body, "callback") == true;
            var url = Object(body, "callback_config") is { } cc ? String(cc, "url") : null;
            if (callback && url == null) problems.Add("callback_config.url is required when callback is true");
            if (url != null)
            {
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
                    problems.Add("callback_config.url must be an absolute http or https URL");
                else if (!uri.IsLoopback)
                    problems.Add("callback_config.url must point at a loopback address (this emulator calls back only to 127.0.0.1, ::1 or localhost)");
            }

            if (Object(body, "realtime_processing") is { } rt)
            {
                if (Bool(rt, "translation") == true && Object(rt, "translation_config") == null)
                    problems.Add("realtime_processing.translation_config is required when translation is true");
                if (Bool(rt, "custom_vocabulary") == true && Object(rt, "custom_vocabulary_config") == null)
                    problems.Add("realtime_processing.custom_vocabulary_config is required when custom_vocabulary is true");
                if (Bool(rt, "custom_spelling") == true && Object(rt, "custom_spelling_config") == null)
                    problems.Add("realtime_processing.custom_spelling_config is required when custom_spelling is true");
            }
        }

        private JsonObject BuildRequestParams(JsonElement body)
        {
            var result = new JsonObject
            {
                ["encoding"] = Encoding,
                ["bit_depth"] = BitDepth,
                ["sample_rate"] = SampleRate,
                ["channels"] = Channels,
                ["model"] = Model,
                ["endpointing"] = Endpointing,
                ["maximum_duration_without_endpointing"] = MaximumDurationWithoutEndpointing,
            };
            foreach (var name in new[] { "language_config", "pre_processing", "realtime_processing", "post_processing" })
            {
                if (Object(body, name) is { } section) result[name] = JsonNode.Parse(section.GetRawText());
            }

            result["messages_config"] = Socket.ToJson();
            result["callback"] = CallbackUrl != null;
            if (Object(body, "callback_config") is { } callbackConfig) result["callback_config"] = JsonNode.Parse(callbackConfig.GetRawText());
            return result;
        }

        private static JsonElement? Property(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

        private static JsonElement? Object(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.Object } v ? v : null;

        private static JsonElement? Array(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.Array } v ? v : null;

        private static string? String(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.String } v ? v.GetString() : null;

        private static int? Int(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.Number } v && v.TryGetInt32(out var i) ? i : null;

        private static double? Number(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

        private static bool? Bool(JsonElement obj, string name) => Property(obj, name) is { ValueKind: JsonValueKind.True or JsonValueKind.False } v ? v.GetBoolean() : null;
    }
}
