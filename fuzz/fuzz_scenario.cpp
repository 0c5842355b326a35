// Scenario files (docs/scenario-format.md): what a teacher writes or downloads. A file that
// parses keeps its definition whole (a saved session carries it as read), and the writer,
// which writes the lab's steps, reads back to itself whenever what it wrote parses.
#include "fuzzinput.h"
#include "scenarios/scenario.h"
#include "scenarios/scenariowriter.h"

#include <QJsonDocument>

using namespace SocketScope;

extern "C" int LLVMFuzzerTestOneInput(const quint8* data, size_t size)
{
    const QByteArray file(reinterpret_cast<const char*>(data), qsizetype(size));
    ScenarioError error;
    const auto scenario = ScenarioParser::parse(file, QStringLiteral("fuzz.json"), &error);
    if (!scenario) {
        FUZZ_CHECK(!error.text().isEmpty());
        return 0;
    }
    FUZZ_CHECK(!scenario->definition.isEmpty());
    const QJsonObject written = ScenarioWriter::scenarioToJson(*scenario);
    const auto reread =
        ScenarioParser::parse(QJsonDocument(written).toJson(), QStringLiteral("fuzz.json"), &error);
    if (reread)
        FUZZ_CHECK(ScenarioWriter::scenarioToJson(*reread) == written);
    return 0;
}
