#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace SocketScope {

// Reads typed fields out of a JSON object that came from outside (a saved session, a child
// process), checking each one: the first field of the wrong type or out of range is kept as
// the error ("arguments.fd: must be a whole number from -1 to 1048575"), the others give
// their fallback. Nested objects are read with nested(), which prefixes the field names.
class JsonFields {
public:
    explicit JsonFields(const QJsonObject& object, QString prefix = {}, QString* error = nullptr);

    bool has(const char* key) const { return m_object.contains(QLatin1String(key)); }
    qint64 integer(const char* key, qint64 fallback, qint64 min, qint64 max);
    // Required: an error when missing.
    qint64 requiredInteger(const char* key, qint64 min, qint64 max);
    bool boolean(const char* key, bool fallback);
    QString string(const char* key, qsizetype maxLength = 4096);
    QString requiredString(const char* key, qsizetype maxLength = 4096);
    // Hexadecimal digits in pairs; at most maxBytes once decoded.
    QByteArray hex(const char* key, qsizetype maxBytes);
    QStringList strings(const char* key, qsizetype maxCount);
    // Descriptor numbers, 0 to maxDescriptor (below the kernel's default nr_open).
    static constexpr int maxDescriptor = (1 << 20) - 1;
    QList<int> descriptors(const char* key, qsizetype maxCount);
    QJsonObject object(const char* key);
    QJsonArray array(const char* key, qsizetype maxCount);
    JsonFields nested(const QJsonObject& object, const QString& name) const;

    // Records an error found by the caller for `key` (a value of the right type, but wrong).
    void fail(const char* key, const QString& message);
    bool ok() const { return m_error->isEmpty(); }
    QString error() const { return *m_error; }
    QString* errorSink() const { return m_error; }
    QString path(const char* key) const;

private:
    QJsonObject m_object;
    QString m_prefix;
    QString m_ownError;
    QString* m_error;
};

} // namespace SocketScope
