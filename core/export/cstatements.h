#pragma once

#include "scenarios/scenario.h"

#include <QSet>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

// What cprogram.cpp and cstatements.cpp share: the program being written and the C text of
// one step. Not used elsewhere.
namespace SocketScope::CProgram::Detail {

// The generator's words, marked QT_TRANSLATE_NOOP("CProgram", ...), in the language of the
// WordsLanguage alive on this thread; without one, in the application's language.
QString words(const char* text);

// For its lifetime, words() speaks `language` ("en", "fr").
class WordsLanguage {
public:
    explicit WordsLanguage(const QString& language);
    ~WordsLanguage();
    WordsLanguage(const WordsLanguage&) = delete;
    WordsLanguage& operator=(const WordsLanguage&) = delete;

private:
    struct Saved;
    std::unique_ptr<Saved> m_saved;
    std::unique_ptr<QTranslator> m_translator;
};

// Lines of C at the current depth of braces.
class Lines {
public:
    void add(const QString& line);
    void open(const QString& line); // "if (...) {", then one level deeper
    void close(const QString& line = QStringLiteral("}"));
    void comment(const QString& text); // wrapped, "*/" made harmless
    void blank() { m_lines << QString(); }
    QString text() const { return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n'); }
    int depth() const { return m_depth; }
    void setDepth(int depth) { m_depth = depth; }

private:
    QStringList m_lines;
    int m_depth = 0;
};

// What the program takes on its command line and needs besides its calls.
struct Program {
    const Scenario* scenario = nullptr;
    QString language;
    bool takesPort = false; // binds the scenario's port: ./server [port]
    bool takesHost = false; // sends to it: ./client [host [port]]
    QString defaultHost;
    quint16 defaultPort = 0;
    bool printsAddresses = false; // the helper printAddress() is written
    bool usesPortHelper = false;
    bool ignoresSigpipe = false; // a write must fail with EPIPE, as in SocketScope
};

// What one function (main or a thread's) declares for its calls.
struct FunctionNeeds {
    qint64 bufferSize = 0;
    bool received = false;
    bool sent = false;
    bool result = false;
};

// What the steps of some actors name: the descriptors and the kept addresses (identifiers).
struct Names {
    QStringList fds;
    QStringList addresses;
};
// cnames.cpp: what the steps of `actors` name.
Names namesOf(const Scenario& scenario, const QSet<QString>& actors);
// What a thread receives from the function that starts it: the descriptors and addresses
// its steps use and do not make.
Names passedTo(const Scenario& scenario, const QSet<QString>& threadActors);
// "int fd = -1;" and the kept addresses with their lengths, but for those in `except`.
QStringList declarations(const Names& names, const Names& except = {});
// The actors whose steps `root`'s function writes: itself and the fork() children it
// starts, and with `throughThreads` the threads too.
QSet<QString> actorsOf(const QString& root, const Scenario& scenario, bool throughThreads);

// A C identifier for a scenario's name.
QString identifier(const QString& name);
// A C string literal of UTF-8 text (the translated messages), or of raw bytes (payloads).
QString textLiteral(const QString& text);
QString bytesLiteral(const QByteArray& bytes);

// The call of a step, checked: on failure perror() (or `report`), then exit unless the
// scenario expects the failure or only shows the result; on success the lines of `onSuccess`.
void checked(Lines& out, const ScenarioStep& step, const QString& failed,
             const QStringList& onSuccess, const QString& report = {});
// printf() of a translated message (a newline added) with its arguments (", x, y").
QString say(const QString& format, const QString& arguments = {});
QString sockaddrCast(const QString& variable);
// Declares and fills the address the step passes; "pointer, length" for the call.
QString writeAddress(const ScenarioStep& step, int index, Program& program, Lines& out);
// The printAddress() of the address the step keeps ("address_as").
QString printKept(const ScenarioStep& step, const QString& label, Program& program);
// cqueries.cpp: the calls that ask.
void writeOption(const ScenarioStep& step, int index, FunctionNeeds& needs, Lines& out);
void writePoll(const ScenarioStep& step, int index, FunctionNeeds& needs, Lines& out);
void writeAddrInfo(const ScenarioStep& step, int index, Program& program, FunctionNeeds& needs,
                   Lines& out);
void writeNameInfo(const ScenarioStep& step, int index, Program& program, FunctionNeeds& needs,
                   Lines& out);

// The step's narration in the program's language, as the comment above its call.
QString narrationComment(const ScenarioStep& step, const QString& language);
// The call of `step` with its checks and messages. Fork and pthread_create are written by
// cprogram.cpp, which knows the children.
void writeStep(const ScenarioStep& step, Program& program, FunctionNeeds& needs, Lines& out);

} // namespace SocketScope::CProgram::Detail
