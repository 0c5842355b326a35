#include "scenarios/scenariofields.h"

#include "calls/errnoinfo.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace SocketScope::ScenarioFields {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(Scenario)
};

} // namespace

[[noreturn]] void fail(const QString& field, const QString& message)
{
    throw ParseFailure{field, message};
}

QString requireString(const QJsonObject& object, const QString& field)
{
    const QJsonValue value = object.value(field);
    if (!value.isString() || value.toString().isEmpty())
        fail(field, Tr::tr("must be a non-empty string"));
    return value.toString();
}

QString optionalString(const QJsonObject& object, const QString& field)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return {};
    if (!value.isString())
        fail(field, Tr::tr("must be a string"));
    return value.toString();
}

bool optionalBool(const QJsonObject& object, const QString& field, bool fallback)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return fallback;
    if (!value.isBool())
        fail(field, Tr::tr("must be true or false"));
    return value.toBool();
}

int optionalInt(const QJsonObject& object, const QString& field, int fallback, int min, int max)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return fallback;
    const double number = value.toDouble(-1e300);
    // The range first: a number beyond it has no integer to compare with.
    if (!value.isDouble() || !(number >= min && number <= max) || number != double(qint64(number)))
        fail(field, Tr::tr("must be a whole number from %1 to %2").arg(min).arg(max));
    return int(number);
}

LocalizedText requireLocalized(const QJsonObject& object, const QString& field)
{
    const QJsonValue value = object.value(field);
    if (!value.isObject())
        fail(field, Tr::tr("must be an object with \"fr\" and \"en\" texts"));
    const QJsonObject texts = value.toObject();
    LocalizedText text;
    text.fr = texts.value(QLatin1String("fr")).toString();
    text.en = texts.value(QLatin1String("en")).toString();
    if (text.fr.isEmpty())
        fail(field + QLatin1String(".fr"), Tr::tr("the French text is missing"));
    if (text.en.isEmpty())
        fail(field + QLatin1String(".en"), Tr::tr("the English text is missing"));
    return text;
}

namespace {

QStringList nameList(const QJsonValue& value, const QString& field)
{
    if (value.isString())
        return {value.toString()};
    if (!value.isArray())
        fail(field, Tr::tr("must be a name or a list of names"));
    QStringList names;
    for (const QJsonValue& item : value.toArray()) {
        if (!item.isString())
            fail(field, Tr::tr("must be a name or a list of names"));
        names << item.toString();
    }
    return names;
}

} // namespace

int requireConstant(const QJsonObject& object, const QString& field, ConstantKind kind)
{
    const QString name = requireString(object, field);
    const auto value = constantValue(kind, name);
    if (!value)
        fail(field, Tr::tr("\"%1\" is not one of %2")
                        .arg(name, constantNames(kind).join(QLatin1String(", "))));
    return *value;
}

int optionalFlags(const QJsonObject& object, const QString& field, ConstantKind kind)
{
    const QJsonValue value = object.value(field);
    if (value.isUndefined())
        return 0;
    QString bad;
    const auto flags = flagsValue(kind, nameList(value, field), &bad);
    if (!flags)
        fail(field, Tr::tr("\"%1\" is not one of %2")
                        .arg(bad, constantNames(kind).join(QLatin1String(", "))));
    return *flags;
}

QByteArray payloadOf(const QJsonObject& object, bool required)
{
    if (object.contains(QLatin1String("payload_hex"))) {
        const QString hex = requireString(object, QStringLiteral("payload_hex"));
        const auto decoded = QByteArray::fromHex(hex.toLatin1());
        if (hex.size() % 2 != 0 || decoded.toHex() != hex.toLower().toLatin1())
            fail(QStringLiteral("payload_hex"), Tr::tr("must be pairs of hexadecimal digits"));
        return decoded;
    }
    if (!object.contains(QLatin1String("payload"))) {
        if (required)
            fail(QStringLiteral("payload"), Tr::tr("is required for this call"));
        return {};
    }
    return requireString(object, QStringLiteral("payload")).toUtf8();
}

Expectation expectationOf(const QJsonObject& step, const QString& key)
{
    Expectation expect;
    const QJsonValue value = step.value(key);
    if (value.isUndefined())
        return expect;
    if (!value.isObject())
        fail(key, Tr::tr("must be an object"));
    const QJsonObject object = value.toObject();
    if (object.contains(QLatin1String("ret")))
        expect.ret = optionalInt(object, QStringLiteral("ret"), 0, -1, 1 << 30);
    if (object.contains(QLatin1String("errno"))) {
        const QString name = requireString(object, QStringLiteral("errno"));
        expect.error = errnoFromName(name);
        if (expect.error == 0)
            expect.error = addrInfoErrorFromName(name);
        if (expect.error == 0)
            fail(key + QStringLiteral(".errno"), Tr::tr("\"%1\" is not an errno name").arg(name));
    }
    if (object.contains(QLatin1String("data")))
        expect.data = requireString(object, QStringLiteral("data")).toUtf8();
    expect.mayFail = object.value(QLatin1String("any")).toBool(false);
    return expect;
}

} // namespace SocketScope::ScenarioFields
