/// Names in the order a person reads them: runs of digits compare as numbers, so `peer[2].in`
/// comes before `peer[10].in` and `cold.stream #9` before `cold.stream #10`.
public enum NaturalOrder {
    public static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        var left = lhs.unicodeScalars.makeIterator()
        var right = rhs.unicodeScalars.makeIterator()
        var a = left.next()
        var b = right.next()
        while let l = a, let r = b {
            if l.isDigit && r.isDigit {
                var leftNumber: [Unicode.Scalar] = []
                var rightNumber: [Unicode.Scalar] = []
                while let digit = a, digit.isDigit {
                    leftNumber.append(digit)
                    a = left.next()
                }
                while let digit = b, digit.isDigit {
                    rightNumber.append(digit)
                    b = right.next()
                }
                let leftDigits = leftNumber.drop { $0 == "0" }
                let rightDigits = rightNumber.drop { $0 == "0" }
                if leftDigits.count != rightDigits.count { return leftDigits.count < rightDigits.count }
                if let (x, y) = zip(leftDigits, rightDigits).first(where: { $0 != $1 }) { return x.value < y.value }
                // Equal values: the one written with fewer leading zeros first, so the order is total.
                if leftNumber.count != rightNumber.count { return leftNumber.count < rightNumber.count }
                continue
            }
            if l != r { return l.value < r.value }
            a = left.next()
            b = right.next()
        }
        return a == nil && b != nil
    }
}

extension Unicode.Scalar {
    fileprivate var isDigit: Bool { ("0"..."9").contains(self) }
}
