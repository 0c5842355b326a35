#include "export/cstatements.h"

// Which descriptors and addresses each function of a program declares, and which a thread
// receives from the function that starts it.
namespace SocketScope::CProgram::Detail {

Names namesOf(const Scenario& scenario, const QSet<QString>& actors)
{
    Names names;
    const auto add = [](QStringList& list, const QString& name) {
        if (!name.isEmpty() && !list.contains(identifier(name)))
            list << identifier(name);
    };
    for (const ScenarioStep& step : scenario.steps) {
        if (!actors.contains(step.actor))
            continue;
        add(names.fds, step.asName);
        add(names.fds, step.fdName);
        for (const ScenarioStep::PollTarget& target : step.pollTargets)
            add(names.fds, target.fdName);
        add(names.addresses, step.addressAs);
        add(names.addresses, step.addressName);
    }
    return names;
}

Names passedTo(const Scenario& scenario, const QSet<QString>& threadActors)
{
    const Names used = namesOf(scenario, threadActors);
    QSet<QString> made;
    for (const ScenarioStep& step : scenario.steps) {
        if (threadActors.contains(step.actor)) {
            made << identifier(step.asName) << identifier(step.addressAs);
        }
    }
    Names passed;
    for (const QString& fd : used.fds) {
        if (!made.contains(fd))
            passed.fds << fd;
    }
    for (const QString& address : used.addresses) {
        if (!made.contains(address))
            passed.addresses << address;
    }
    return passed;
}

QStringList declarations(const Names& names, const Names& except)
{
    QStringList lines;
    for (const QString& fd : names.fds) {
        if (!except.fds.contains(fd))
            lines << QStringLiteral("int %1 = -1;").arg(fd);
    }
    for (const QString& address : names.addresses) {
        if (except.addresses.contains(address))
            continue;
        lines << QStringLiteral("struct sockaddr_storage %1;").arg(address);
        lines << QStringLiteral("socklen_t %1Length = sizeof %1;").arg(address);
    }
    return lines;
}

QSet<QString> actorsOf(const QString& root, const Scenario& scenario, bool throughThreads)
{
    QSet<QString> actors{root};
    bool grew = true;
    while (grew) {
        grew = false;
        for (const ScenarioStep& step : scenario.steps) {
            if (actors.contains(step.actor) && !step.childActor.isEmpty() &&
                !actors.contains(step.childActor) &&
                (throughThreads || step.call != Call::PthreadCreate)) {
                actors.insert(step.childActor);
                grew = true;
            }
        }
    }
    return actors;
}

} // namespace SocketScope::CProgram::Detail
