#include "calls/jsonfields.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace SocketScope {

namespace {

class Tr {
    Q_DECLARE_TR_FUNCTIONS(JsonFields)
};

bool isHex(const QString& text)
{
    for (const QChar c : text) {
        if (!c.isDigit() && !(c >= QLatin1Char('a') && c <= QLatin1Char('f')) &&
            !(c >= QLatin1Char('A') && c <= QLatin1Char('F')))
            return false;
    }
    return true;
}

} // namespace

JsonFields::JsonFields(const QJsonObject& object, QString prefix, QString* error)
    : m_object(object)
    , m_prefix(std::move(prefix))
    , m_error(error ? error : &m_ownError)
{
}

QString JsonFields::path(const char* key) const
{
    return m_prefix.isEmpty() ? QString::fromLatin1(key)
                              : m_prefix + QLatin1Char('.') + QLatin1String(key);
}

void JsonFields::fail(const char* key, const QString& message)
{
    if (m_error->isEmpty())
        *m_error = QStringLiteral("\"%1\": %2").arg(path(key), message);
}

qint64 JsonFields::integer(const char* key, qint64 fallback, qint64 min, qint64 max)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return fallback;
    // A whole number keeps all its digits (a capture's time in nanoseconds has 19); a number
    // with a fraction is not one.
    const qint64 number = value.toInteger(min - 1);
    const bool whole = value.isDouble() && (number != min - 1 || value.toInteger(min) == min - 1);
    if (!whole || number < min || number > max) {
        fail(key, Tr::tr("must be a whole number from %1 to %2").arg(min).arg(max));
        return fallback;
    }
    return number;
}

qint64 JsonFields::requiredInteger(const char* key, qint64 min, qint64 max)
{
    if (!has(key)) {
        fail(key, Tr::tr("is missing"));
        return min;
    }
    return integer(key, min, min, max);
}

bool JsonFields::boolean(const char* key, bool fallback)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return fallback;
    if (!value.isBool()) {
        fail(key, Tr::tr("must be true or false"));
        return fallback;
    }
    return value.toBool();
}

QString JsonFields::string(const char* key, qsizetype maxLength)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isString()) {
        fail(key, Tr::tr("must be a string"));
        return {};
    }
    const QString text = value.toString();
    if (text.size() > maxLength) {
        fail(key, Tr::tr("is longer than %1 characters").arg(maxLength));
        return {};
    }
    return text;
}

QString JsonFields::requiredString(const char* key, qsizetype maxLength)
{
    const QString text = string(key, maxLength);
    if (text.isEmpty())
        fail(key, Tr::tr("must be a non-empty string"));
    return text;
}

QByteArray JsonFields::hex(const char* key, qsizetype maxBytes)
{
    const QString text = string(key, maxBytes * 2);
    if (text.size() % 2 != 0 || !isHex(text)) {
        fail(key, Tr::tr("must be pairs of hexadecimal digits"));
        return {};
    }
    return QByteArray::fromHex(text.toLatin1());
}

QStringList JsonFields::strings(const char* key, qsizetype maxCount)
{
    QStringList list;
    const QJsonArray items = array(key, maxCount);
    for (const QJsonValue& item : items) {
        if (!item.isString()) {
            fail(key, Tr::tr("must be a list of strings"));
            return {};
        }
        list << item.toString();
    }
    return list;
}

QList<int> JsonFields::descriptors(const char* key, qsizetype maxCount)
{
    QList<int> fds;
    const QJsonArray items = array(key, maxCount);
    for (const QJsonValue& item : items) {
        const double number = item.toDouble(-1);
        if (!item.isDouble() || number < 0 || number > maxDescriptor ||
            number != double(qint64(number))) {
            fail(key,
                 Tr::tr("must list descriptors, whole numbers from 0 to %1").arg(maxDescriptor));
            return {};
        }
        fds << int(number);
    }
    return fds;
}

QJsonObject JsonFields::object(const char* key)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isObject()) {
        fail(key, Tr::tr("must be an object"));
        return {};
    }
    return value.toObject();
}

QJsonArray JsonFields::array(const char* key, qsizetype maxCount)
{
    const QJsonValue value = m_object.value(QLatin1String(key));
    if (value.isUndefined() || value.isNull())
        return {};
    if (!value.isArray()) {
        fail(key, Tr::tr("must be a list"));
        return {};
    }
    const QJsonArray items = value.toArray();
    if (items.size() > maxCount) {
        fail(key, Tr::tr("has more than %1 items").arg(maxCount));
        return {};
    }
    return items;
}

JsonFields JsonFields::nested(const QJsonObject& object, const QString& name) const
{
    return JsonFields(object, m_prefix.isEmpty() ? name : m_prefix + QLatin1Char('.') + name,
                      m_error);
}

} // namespace SocketScope
