#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace SocketScope {

// Type a port, a 32-bit number or an address and see its bytes in both orders, with what
// is wrong said in place when the input is not valid.
class ByteConverter : public QWidget {
    Q_OBJECT
public:
    explicit ByteConverter(QWidget* parent = nullptr);

    QString resultText() const;
    QString errorText() const;
    void setInput(int kind, const QString& text); // kind: 0 port, 1 32-bit number, 2 address

protected:
    void changeEvent(QEvent* event) override;

private:
    void convert();
    void retranslate();
    void showErrorInTheme();

    QComboBox* m_kind = nullptr;
    QLineEdit* m_input = nullptr;
    QLabel* m_result = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_kindLabel = nullptr;
    QLabel* m_valueLabel = nullptr;
};

} // namespace SocketScope
