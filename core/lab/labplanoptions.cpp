// socklab's options command: each option read by a real getsockopt (fcntl F_GETFL for
// O_NONBLOCK), shown and asked for, then set by a real setsockopt (fcntl F_SETFL) when the
// value changes.
#include "lab/laboptions.h"
#include "lab/labsession.h"

#include <fcntl.h>

namespace SocketScope {

// The options of one command, done one after the other.
struct LabSession::OptionsRun {
    int id = -1;
    int domain = 0;
    bool show = false; // -get: each value shown, none asked
    QList<LabOptionItem> items;
    qsizetype next = 0;
    LabOptionItem current;
};

namespace {

// socklab's "setsockopt()-reuseaddr": which option the error is about.
QString failureName(Call call, const LabOptionSpec& spec)
{
    return QStringLiteral("%1()-%2").arg(Calls::name(call), QLatin1StringView(spec.name));
}

} // namespace

bool LabSession::planOptions()
{
    const auto socket = resolveId(m_words.value(0));
    if (!socket)
        return false;
    const LabSocket& labSocket = m_sockets[*socket];
    QString error;
    const auto items =
        parseLabOptionWords(m_words.mid(1), labSocket.domain, labSocket.type, &error);
    if (!items) {
        print(error, Output::Error);
        return false;
    }
    const bool show = m_line.flags.testFlag(LabFlag::Get);
    for (const LabOptionItem& item : *items) {
        if (show && item.value) {
            print(tr("*** -get reads the options: %1=... sets one, without -get")
                      .arg(QLatin1StringView(item.spec->name)),
                  Output::Error);
            return false;
        }
    }
    auto run = std::make_shared<OptionsRun>();
    run->id = *socket;
    run->domain = labSocket.domain;
    run->show = show;
    run->items = *items;
    planNextOption(run);
    return true;
}

void LabSession::planNextOption(const std::shared_ptr<OptionsRun>& run)
{
    if (run->next >= run->items.size())
        return;
    run->current = run->items.at(run->next++);
    const LabOptionSpec& named = *run->current.spec;
    const bool fileFlag = named.kind == LabOptionKind::NonBlock;
    // O_NONBLOCK is one of the file's flags: they are read first, so that the others stay.
    if (run->current.value && !fileFlag) {
        planOptionSet(run, *run->current.value, 0);
        return;
    }
    const Call call = fileFlag ? Call::Fcntl : Call::GetSockOpt;
    m_plan.append({[this, run, call] {
                       const LabOptionSpec& spec = *run->current.spec;
                       ScenarioStep step = callStep(call);
                       step.fdName = nameOf(run->id);
                       if (call == Call::Fcntl) {
                           step.arguments.command = F_GETFL;
                       } else {
                           const auto [level, option] = labOptionTarget(spec, run->domain);
                           step.arguments.level = level;
                           step.arguments.option = option;
                       }
                       return std::optional(step);
                   },
                   [this, run, call](const CallEvent& event) {
                       if (event.failed()) {
                           planNextOption(run);
                           return true;
                       }
                       OptionValue current = event.results.value;
                       qint64 fileFlags = 0;
                       if (call == Call::Fcntl) {
                           fileFlags = event.ret;
                           current.kind = OptionValue::Kind::Integer;
                           current.integer = (fileFlags & O_NONBLOCK) ? 1 : 0;
                       }
                       if (run->current.value) {
                           planOptionSet(run, *run->current.value, fileFlags);
                           return true;
                       }
                       if (run->show || !run->current.spec->settable) {
                           print(labOptionShown(*run->current.spec, run->domain, current));
                           planNextOption(run);
                           return true;
                       }
                       ask(labOptionPrompt(*run->current.spec, current),
                           [this, run, current, fileFlags](const QString& line) {
                               const LabOptionSpec& spec = *run->current.spec;
                               const QString text = line.trimmed();
                               QString error;
                               const auto wanted = text.isEmpty()
                                                       ? std::optional(current)
                                                       : parseLabOptionValue(spec, text, &error);
                               if (!wanted) {
                                   print(error, Output::Error);
                                   return false;
                               }
                               // Enter, or the value it has: nothing to set.
                               if (labOptionChanges(spec, current, *wanted))
                                   planOptionSet(run, *wanted, fileFlags);
                               else
                                   planNextOption(run);
                               return true;
                           });
                       return true;
                   },
                   failureName(call, named)});
}

void LabSession::planOptionSet(const std::shared_ptr<OptionsRun>& run, const OptionValue& value,
                               qint64 fileFlags)
{
    const LabOptionSpec& named = *run->current.spec;
    const Call call = named.kind == LabOptionKind::NonBlock ? Call::Fcntl : Call::SetSockOpt;
    m_plan.append({[this, run, call, value, fileFlags] {
                       const LabOptionSpec& spec = *run->current.spec;
                       ScenarioStep step = callStep(call);
                       step.fdName = nameOf(run->id);
                       if (call == Call::Fcntl) {
                           step.arguments.command = F_SETFL;
                           step.arguments.commandArgument = value.integer
                                                                ? (fileFlags | O_NONBLOCK)
                                                                : (fileFlags & ~qint64(O_NONBLOCK));
                       } else {
                           const auto [level, option] = labOptionTarget(spec, run->domain);
                           step.arguments.level = level;
                           step.arguments.option = option;
                           step.arguments.value = value;
                       }
                       // The one line that sets it again, whether it was typed so or answered.
                       const QString typed =
                           QStringLiteral("options %1 %2=%3")
                               .arg(run->id)
                               .arg(QLatin1StringView(spec.name), labOptionValueText(spec, value));
                       const Narration narration = Narrations::words(typed);
                       step.narration = {narration, narration};
                       return std::optional(step);
                   },
                   [this, run](const CallEvent&) {
                       planNextOption(run);
                       return true;
                   },
                   failureName(call, named)});
}

} // namespace SocketScope
