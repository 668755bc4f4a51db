using System.Linq;
using GladiaPS.Core.Models;
using Xunit;

namespace GladiaPS.Core.Tests.PreRecorded
{
    public class PreRecordedJobParsingTests
    {
        private const string Done = """
        {"id":"45463597-20b7-4af7-b3b3-f5fb778203ab","request_id":"G-1","version":2,"status":"done","kind":"pre-recorded",
         "created_at":"2026-02-14T10:15:30Z","completed_at":"2026-02-14T10:16:00.5Z","error_code":null,
         "custom_metadata":{"team":"ops"},
         "file":{"id":"f1","filename":"call.wav","source":null,"audio_duration":12.5,"number_of_channels":2},
         "request_params":{"diarization":true},
         "result":{
           "metadata":{"audio_duration":12.5,"number_of_distinct_channels":2,"billing_time":12.5,"transcription_time":3.2},
           "transcription":{"full_transcript":"alpha bravo charlie","languages":["en"],
             "utterances":[{"start":0.5,"end":1.5,"confidence":0.9,"channel":0,"speaker":1,"text":" alpha bravo ","language":"en",
                            "words":[{"word":"alpha","start":0.5,"end":1.0,"confidence":0.9},{"word":" bravo","start":1.0,"end":1.5,"confidence":0.8}]}],
             "subtitles":[{"format":"srt","subtitles":"1\n00:00:00,500 --> 00:00:01,500\nalpha bravo\n"}],
             "sentences":[{"success":true,"is_empty":false,"exec_time":0.1,"error":null,"results":["alpha bravo.","charlie."]}]},
           "summarization":{"success":true,"is_empty":false,"exec_time":1,"error":null,"results":"A short call."},
           "audio_to_llm":{"success":true,"is_empty":false,"exec_time":1,"error":null,
             "results":[{"success":true,"is_empty":false,"exec_time":1,"error":null,"results":{"prompt":"Who?","response":"Two people."}}]},
           "chapterization":{"success":true,"results":{"chapters":[]}},
           "future_block":{"value":42}}}
        """;

        [Fact]
        public void DoneJob_IsTyped_FieldByField_AndUnknownBlocksStayReachable()
        {
            Assert.True(PreRecordedJob.TryParse(Done, out var job));

            Assert.Equal("45463597-20b7-4af7-b3b3-f5fb778203ab", job.Id);
            Assert.True(job.IsDone);
            Assert.Equal("call.wav", job.File!.Filename);
            Assert.Equal(2, job.File.NumberOfChannels);
            Assert.Equal("ops", job.CustomMetadata!["team"]);
            var result = job.Result!;
            Assert.Equal(3.2, result.Metadata!.TranscriptionTime);
            var utterance = Assert.Single(result.Utterances);
            Assert.Equal("alpha bravo", utterance.Text);
            Assert.Equal(1, utterance.Speaker);
            Assert.Equal(new[] { "alpha", " bravo" }, utterance.Words.Select(w => w.Text));
            Assert.Equal("srt", Assert.Single(result.Subtitles).Format);
            Assert.Contains("alpha bravo", result.Subtitles[0].Text);
            Assert.Equal(new[] { "alpha bravo.", "charlie." }, result.Sentences.Select(s => s.Text));
            Assert.Equal("A short call.", result.Summary);
            var answer = Assert.Single(result.AudioToLlm!.Answers);
            Assert.Equal("Who?", answer.Prompt);
            Assert.Equal("Two people.", answer.Response);
            Assert.True(result.OtherFields.ContainsKey("chapterization"));
            Assert.Equal(42L, ((System.Collections.Generic.IDictionary<string, object?>)result.OtherFields["future_block"]!)["value"]);
        }

        [Fact]
        public void ErrorJob_WithStringErrorCode_AndNullParts_Parses()
        {
            Assert.True(PreRecordedJob.TryParse("{\"id\":\"j\",\"status\":\"error\",\"error_code\":\"422\",\"file\":null,\"request_params\":null,\"result\":null}", out var job));

            Assert.True(job.IsError);
            Assert.Equal(422, job.ErrorCode);
            Assert.Null(job.Result);
            Assert.Equal("j error (422)", job.ToString());
        }

        [Fact]
        public void SentencesAsObjects_KeepTimesAndSpeaker()
        {
            Assert.True(PreRecordedJob.TryParse("{\"id\":\"j\",\"status\":\"done\",\"result\":{\"transcription\":{\"sentences\":[{\"sentence\":\"hi there\",\"start\":1,\"end\":2,\"speaker\":0,\"channel\":1}]}}}", out var job));

            var sentence = Assert.Single(job.Result!.Sentences);
            Assert.Equal("hi there", sentence.Text);
            Assert.Equal(2, sentence.End);
            Assert.Equal(0, sentence.Speaker);
            Assert.Equal(1, sentence.Channel);
        }
    }
}
