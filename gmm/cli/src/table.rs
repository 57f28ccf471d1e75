//! Numeric tables from CSV and NPY files: rows of points, optionally one weight per row.

use std::io::{BufRead, BufReader, Read};

/// Rows of `names.len()` values, row-major, with an optional weight per row.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// One name per column: the CSV header's, or `x0, x1, ...`.
    pub names: Vec<String>,
    pub values: Vec<f64>,
    pub weights: Option<Vec<f64>>,
}

impl Table {
    pub fn n_rows(&self) -> usize {
        self.values.len() / self.names.len().max(1)
    }
}

/// A column chosen by its header name or by its index from 0.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnChoice(pub String);

impl ColumnChoice {
    /// The index of the column among `names`: a header name first, else an index.
    fn resolve(&self, names: &[String], has_header: bool) -> Result<usize, String> {
        if let Some(i) = names.iter().position(|n| *n == self.0) {
            return Ok(i);
        }
        match self.0.parse::<usize>() {
            Ok(i) if i < names.len() => Ok(i),
            Ok(i) => Err(format!(
                "weight column {i} does not exist: the data has {} columns (indices from 0)",
                names.len()
            )),
            Err(_) if has_header => Err(format!(
                "no column named {:?}; the header has {}",
                self.0,
                names.join(", ")
            )),
            Err(_) => Err(format!(
                "no column named {:?}: the file has no header, give an index from 0",
                self.0
            )),
        }
    }
}

/// A table built a row at a time: the weight column (if one is chosen) is split off each row
/// as it comes, so that the table is never copied whole.
struct TableBuilder {
    names: Vec<String>,
    /// The weight column and the weights so far.
    weights: Option<(usize, Vec<f64>)>,
    values: Vec<f64>,
}

impl TableBuilder {
    /// A table of the columns `names`, the `weight` column (if chosen) split off.
    fn new(
        names: Vec<String>,
        weight: Option<&ColumnChoice>,
        has_header: bool,
    ) -> Result<Self, String> {
        let weights = match weight {
            None => None,
            Some(choice) => {
                let column = choice.resolve(&names, has_header)?;
                if names.len() < 2 {
                    return Err(
                        "the weight column is the only column: no coordinates remain".into(),
                    );
                }
                Some((column, Vec::new()))
            }
        };
        Ok(TableBuilder {
            names,
            weights,
            values: Vec::new(),
        })
    }

    /// Room for `rows` more rows, reserved fallibly.
    fn reserve(&mut self, rows: usize) -> Result<(), String> {
        let d = self.names.len() - usize::from(self.weights.is_some());
        let too_many = |_| format!("{rows} rows of {d} values do not fit in memory");
        self.values
            .try_reserve_exact(rows.saturating_mul(d))
            .map_err(too_many)?;
        if let Some((_, weights)) = &mut self.weights {
            weights.try_reserve_exact(rows).map_err(too_many)?;
        }
        Ok(())
    }

    /// Adds a row (a value per column), checking that its weight is not negative; `place`
    /// names the row in messages.
    fn push(&mut self, row: &[f64], place: impl FnOnce() -> String) -> Result<(), String> {
        match &mut self.weights {
            None => self.values.extend_from_slice(row),
            Some((column, weights)) => {
                let w = row[*column];
                if w < 0.0 {
                    return Err(format!("{}: weight {w} is negative", place()));
                }
                weights.push(w);
                let (before, after) = row.split_at(*column);
                self.values.extend(before.iter().chain(&after[1..]));
            }
        }
        Ok(())
    }

    /// The table, its weight column's name dropped.
    fn finish(mut self) -> Table {
        let weights = self.weights.map(|(column, weights)| {
            self.names.remove(column);
            weights
        });
        Table {
            names: self.names,
            values: self.values,
            weights,
        }
    }
}

/// The longest line of a CSV file read: a file of one enormous line (no newline) would
/// otherwise grow the parser's buffers until memory ran out.
const MAX_CSV_LINE: usize = 64 << 20;

/// `input`, failing once a line runs past `limit` bytes.
struct LineLimit<R> {
    input: R,
    limit: usize,
    /// The bytes read since the last newline.
    line: usize,
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.input.read(buf)?;
        self.line = match buf[..n].iter().rposition(|&b| b == b'\n') {
            Some(at) => n - at - 1,
            None => self.line + n,
        };
        if self.line > self.limit {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a line longer than {} MiB: not a table of numbers",
                    self.limit >> 20
                ),
            ));
        }
        Ok(n)
    }
}

/// Reads a CSV (or tab- or semicolon-separated) table of numbers from `input`, as it is
/// parsed: the file is never held beside its values, nor a line longer than
/// [`MAX_CSV_LINE`]. A first row that is not all numbers is a header; lines starting with `#`
/// are comments; blank lines are skipped.
pub fn read_csv(input: impl Read, weight: Option<&ColumnChoice>) -> Result<Table, String> {
    let mut input = BufReader::new(LineLimit {
        input,
        limit: MAX_CSV_LINE,
        line: 0,
    });
    // The lines up to the first of data, kept to be parsed after the delimiter is chosen.
    let mut head = Vec::new();
    let first_line = loop {
        let start = head.len();
        let read = input
            .read_until(b'\n', &mut head)
            .map_err(|e| format!("unreadable CSV: {e}"))?;
        if read == 0 {
            return Err("the file holds no data".into());
        }
        let line =
            std::str::from_utf8(&head[start..]).map_err(|e| format!("not UTF-8 text: {e}"))?;
        if !line.trim().is_empty() && !line.starts_with('#') {
            break line.to_string();
        }
    };
    let delimiter = [b',', b'\t', b';']
        .into_iter()
        .max_by_key(|&c| first_line.bytes().filter(|&b| b == c).count())
        .filter(|&c| first_line.as_bytes().contains(&c))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .comment(Some(b'#'))
        .trim(csv::Trim::All)
        .from_reader(head.as_slice().chain(input));
    let mut table: Option<TableBuilder> = None;
    let mut row = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| format!("unreadable CSV: {e}"))?;
        let line = record.position().map_or(0, csv::Position::line);
        if record.len() == 1 && record[0].is_empty() {
            continue;
        }
        let table = match &mut table {
            Some(table) => table,
            None => {
                // The first row: a header unless it is all numbers, when it is data too.
                let numeric = record.iter().all(|f| f.parse::<f64>().is_ok());
                let names = if numeric {
                    (0..record.len()).map(|i| format!("x{i}")).collect()
                } else {
                    record.iter().map(str::to_string).collect()
                };
                let first = table.insert(TableBuilder::new(names, weight, !numeric)?);
                if !numeric {
                    continue;
                }
                first
            }
        };
        if record.len() != table.names.len() {
            return Err(format!(
                "line {line}: {} fields where the first row has {} (ragged CSV)",
                record.len(),
                table.names.len()
            ));
        }
        numbers(&record, line, &mut row)?;
        table.push(&row, || format!("line {line}"))?;
    }
    let table = table.ok_or("the file holds no data")?;
    if table.values.is_empty() {
        return Err("the file holds a header but no data rows".into());
    }
    Ok(table.finish())
}

/// The most characters of a field that a message quotes (a field of one enormous number
/// was quoted whole).
const QUOTED_FIELD: usize = 40;

/// The start of `field` that a message quotes, and what follows it there: nothing, or the
/// field's length.
fn excerpt(field: &str) -> (&str, String) {
    match field.char_indices().nth(QUOTED_FIELD) {
        None => (field, String::new()),
        Some((end, _)) => (&field[..end], format!("... ({} bytes)", field.len())),
    }
}

/// The fields of one CSV record as finite numbers, into `out`.
fn numbers(record: &csv::StringRecord, line: u64, out: &mut Vec<f64>) -> Result<(), String> {
    out.clear();
    for (column, field) in record.iter().enumerate() {
        let v: f64 = field.parse().map_err(|_| {
            let (start, rest) = excerpt(field);
            if field.is_empty() {
                format!("line {line}, column {}: empty field", column + 1)
            } else {
                format!(
                    "line {line}, column {}: {start:?}{rest} is not a number",
                    column + 1
                )
            }
        })?;
        if !v.is_finite() {
            let (start, rest) = excerpt(field);
            return Err(format!(
                "line {line}, column {}: {start}{rest} is not a finite number",
                column + 1
            ));
        }
        out.push(v);
    }
    Ok(())
}

/// The longest NPY header read: numpy itself refuses headers over 10,000 bytes by default
/// (`max_header_size`); the length is checked before the header is read, so a claimed 4 GB
/// header is an error, not an allocation.
const MAX_NPY_HEADER: usize = 65_536;

/// The deepest nesting of brackets read in an NPY header: a structured dtype of nested records
/// reaches 4 or 5; the arrays read here need 2.
const MAX_NPY_NESTING: usize = 8;

/// Reads a NumPy `.npy` file of `len` bytes from `input` (with npyz): a 2-D (or 1-D, read as
/// one column) array of `f8` or `f4` of either byte order, C or Fortran order. The claimed
/// shape is checked against the data's length before anything is sized by it. Only the
/// header is read ahead; in C order the values go straight from `input` into the table's, so
/// a file is never held beside them (160 MB of 10^7 2-D points); in Fortran order the columns
/// are read whole first.
pub fn read_npy(
    mut input: impl Read,
    len: u64,
    weight: Option<&ColumnChoice>,
) -> Result<Table, String> {
    let bad = |e: std::io::Error| format!("unreadable NPY header: {e}");
    // The signature, version and header length (12 bytes at most), then the header.
    let mut head = Vec::new();
    (&mut input).take(12).read_to_end(&mut head).map_err(bad)?;
    let header_len = match head.strip_prefix(b"\x93NUMPY") {
        Some([1, _, a, b, ..]) => usize::from(u16::from_le_bytes([*a, *b])),
        Some([2 | 3, _, a, b, c, d, ..]) => u32::from_le_bytes([*a, *b, *c, *d]) as usize,
        Some([major, ..]) if !(1..=3).contains(major) => {
            return Err(format!("unsupported NPY version {major}"));
        }
        Some(_) => return Err("truncated NPY header".into()),
        None => return Err("not an NPY file (no \\x93NUMPY signature)".into()),
    };
    if header_len as u64 > (MAX_NPY_HEADER as u64).min(len) {
        return Err(format!(
            "the NPY header claims {header_len} bytes: truncated or corrupt"
        ));
    }
    let start = if head[6] == 1 { 10 } else { 12 };
    let wanted = (start + header_len).saturating_sub(head.len());
    (&mut input)
        .take(wanted as u64)
        .read_to_end(&mut head)
        .map_err(bad)?;
    // npyz parses the header with py_literal, whose parser backtracks exponentially in the
    // depth of nested brackets (a 118-byte header of 60 nested `{` took over 10 s). An
    // array of floats has a header of depth 2, `{...(n, d)...}`.
    let header = head.get(start..start + header_len).unwrap_or_default();
    let mut depth = 0usize;
    for &b in header {
        match b {
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NPY_NESTING {
            return Err(format!(
                "the NPY header nests brackets more than {MAX_NPY_NESTING} deep: not the \
                 header of an array of floats"
            ));
        }
    }
    let mut rest = &head[..];
    let header = npyz::NpyHeader::from_reader(&mut rest).map_err(bad)?;
    // What the header did not take of `head` (a header shorter than its version's prefix
    // reads) is the data's start.
    let data_len = len.saturating_sub((head.len() - rest.len()) as u64);
    let data = rest.chain(input);
    let shape = header.shape().to_vec();
    let (n, d) = match shape[..] {
        [n, d] => (n, d),
        [n] => (n, 1),
        _ => return Err(format!("the NPY array has shape {shape:?}: expected 2-D")),
    };
    let size = match header.dtype() {
        npyz::DType::Plain(t) if t.type_char() == npyz::TypeChar::Float => t.size_field() as usize,
        other => {
            return Err(format!(
                "NPY element type {:?} is not supported: save float64 or float32, e.g. with \
                 x.astype('<f8')",
                other.descr()
            ));
        }
    };
    if !matches!(size, 4 | 8) {
        return Err(format!(
            "NPY floats of {size} bytes are not supported: save float64 or float32"
        ));
    }
    let fortran = header.order() == npyz::Order::Fortran;
    if n == 0 || d == 0 {
        return Err(format!("the NPY array has shape {shape:?}: no data"));
    }
    let count = usize::try_from(n)
        .ok()
        .zip(usize::try_from(d).ok())
        .and_then(|(n, d)| n.checked_mul(d))
        .filter(|count| (count.checked_mul(size)).is_some_and(|bytes| bytes as u64 <= data_len));
    let Some(count) = count else {
        return Err(format!(
            "truncated NPY data: {data_len} bytes for shape {shape:?} of {size}-byte floats"
        ));
    };
    let (n, d) = (count / d as usize, d as usize);
    let read = |e: &dyn std::fmt::Display| format!("unreadable NPY data: {e}");
    let file = npyz::NpyFile::with_header(header, BufReader::new(data));
    let values: Box<dyn Iterator<Item = Result<f64, String>>> = if size == 8 {
        let values = file.data::<f64>().map_err(|e| read(&e))?;
        Box::new(values.map(move |v| v.map_err(|e| read(&e))))
    } else {
        let values = file.data::<f32>().map_err(|e| read(&e))?;
        Box::new(values.map(move |v| v.map(f64::from).map_err(|e| read(&e))))
    };
    let names = (0..d).map(|i| format!("x{i}")).collect();
    let mut table = TableBuilder::new(names, weight, false)?;
    table.reserve(n)?;
    let finite = |v: f64, r: usize, c: usize| {
        if v.is_finite() {
            Ok(v)
        } else {
            Err(format!("row {r}, column {c}: {v} is not a finite number"))
        }
    };
    let mut row = vec![0.0; d];
    if fortran {
        // Column after column: the rows are whole only at the end.
        let columns = values.collect::<Result<Vec<f64>, String>>()?;
        for r in 0..n {
            for (c, v) in row.iter_mut().enumerate() {
                *v = finite(columns[c * n + r], r, c)?;
            }
            table.push(&row, || format!("row {r}"))?;
        }
    } else {
        let mut values = values.take(count);
        for r in 0..n {
            for (c, v) in row.iter_mut().enumerate() {
                let value = values
                    .next()
                    .ok_or_else(|| read(&"fewer values than the shape"))?;
                *v = finite(value?, r, c)?;
            }
            table.push(&row, || format!("row {r}"))?;
        }
    }
    Ok(table.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_npy_bytes(bytes: &[u8], weight: Option<&ColumnChoice>) -> Result<Table, String> {
        read_npy(bytes, bytes.len() as u64, weight)
    }

    fn parse_csv(bytes: &[u8], weight: Option<&ColumnChoice>) -> Result<Table, String> {
        read_csv(bytes, weight)
    }

    fn npy(descr: &str, shape: &str, fortran: bool, data: &[u8]) -> Vec<u8> {
        let order = if fortran { "True" } else { "False" };
        let mut header =
            format!("{{'descr': '{descr}', 'fortran_order': {order}, 'shape': {shape}, }}");
        while (10 + header.len() + 1) % 64 != 0 {
            header.push(' ');
        }
        header.push('\n');
        let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
        bytes.extend((header.len() as u16).to_le_bytes());
        bytes.extend(header.bytes());
        bytes.extend(data);
        bytes
    }

    #[test]
    fn csv_with_a_header_and_a_named_weight_column() {
        let csv = b"x, w ,y\n1,2,3\n\n4,5,6\n";
        let t = parse_csv(csv, Some(&ColumnChoice("w".into()))).unwrap();
        assert_eq!(t.names, ["x", "y"]);
        assert_eq!(t.values, [1.0, 3.0, 4.0, 6.0]);
        assert_eq!(t.weights, Some(vec![2.0, 5.0]));
    }

    #[test]
    fn csv_without_a_header_tab_separated_weight_by_index() {
        let t = parse_csv(b"1\t2\t3\n4\t5\t6\n", Some(&ColumnChoice("0".into()))).unwrap();
        assert_eq!(t.names, ["x1", "x2"]);
        assert_eq!(t.values, [2.0, 3.0, 5.0, 6.0]);
        assert_eq!(t.weights, Some(vec![1.0, 4.0]));
    }

    /// A reader that hands out one byte per read, as a pipe may.
    struct Trickle<'a>(&'a [u8]);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let Some((&first, rest)) = self.0.split_first() else {
                return Ok(0);
            };
            match buf.first_mut() {
                Some(b) => {
                    *b = first;
                    self.0 = rest;
                    Ok(1)
                }
                None => Ok(0),
            }
        }
    }

    #[test]
    fn csv_read_a_byte_at_a_time_after_comments_and_blank_lines() {
        let csv = b"# made by hand\n\n  \nx; w ;y\n# a comment\n1;2;3\n4;5;6";
        let t = read_csv(Trickle(csv), Some(&ColumnChoice("w".into()))).unwrap();
        assert_eq!(t.names, ["x", "y"]);
        assert_eq!(t.values, [1.0, 3.0, 4.0, 6.0]);
        assert_eq!(t.weights, Some(vec![2.0, 5.0]));
        let t = read_csv(Trickle(b"\n1\t2\n3\t4\n"), None).unwrap();
        assert_eq!((t.names.len(), t.values), (2, vec![1.0, 2.0, 3.0, 4.0]));
        assert!(
            read_csv(Trickle(b"# only\n\n"), None)
                .unwrap_err()
                .contains("no data")
        );
        assert!(
            read_csv(Trickle(b"\xff\xfe,1\n"), None)
                .unwrap_err()
                .contains("not UTF-8")
        );
    }

    #[test]
    fn a_line_longer_than_the_limit_is_an_error() {
        let mut limited = LineLimit {
            input: Trickle(b"12,34\n567890,2\n"),
            limit: 8,
            line: 0,
        };
        let mut read = Vec::new();
        assert_eq!(limited.read_to_end(&mut read).unwrap(), 15);
        let mut limited = LineLimit {
            input: Trickle(b"12,34\n56789012,3\n"),
            limit: 8,
            line: 0,
        };
        let err = limited.read_to_end(&mut Vec::new()).unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
        // a file of one endless line, first and after a line of data
        for head in [&b""[..], b"1,2\n"] {
            let endless = head.chain(std::io::repeat(b'1'));
            let err = read_csv(endless, None).unwrap_err();
            assert!(err.contains("a line longer than 64 MiB"), "{err}");
        }
    }

    #[test]
    fn npy_weight_column_split_in_c_and_fortran_order() {
        let c: Vec<u8> = [1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let weight = Some(ColumnChoice("1".into()));
        let t = parse_npy_bytes(&npy("<f8", "(3, 2)", false, &c), weight.as_ref()).unwrap();
        assert_eq!(t.values, [1.0, 3.0, 5.0]);
        assert_eq!(t.weights, Some(vec![2.0, 4.0, 6.0]));
        let t = parse_npy_bytes(&npy("<f8", "(3, 2)", true, &c), weight.as_ref()).unwrap();
        assert_eq!(t.values, [1.0, 2.0, 3.0]);
        assert_eq!(t.weights, Some(vec![4.0, 5.0, 6.0]));
        let negative: Vec<u8> = [1.0f64, -2.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let err = parse_npy_bytes(&npy("<f8", "(1, 2)", false, &negative), weight.as_ref());
        assert_eq!(err.unwrap_err(), "row 0: weight -2 is negative");
    }

    #[test]
    fn csv_errors_name_the_line() {
        let err = |b: &[u8]| parse_csv(b, None).unwrap_err();
        assert!(err(b"a,b\n1,2\n3\n").contains("line 3"));
        assert!(err(b"1,2\n3,x\n").contains("line 2, column 2"));
        assert!(err(b"1,2\n3,nan\n").contains("nan is not a finite number"));
        let long = format!("1,2\n3,{}\n", "9".repeat(400));
        assert_eq!(
            err(long.as_bytes()),
            format!(
                "line 2, column 2: {}... (400 bytes) is not a finite number",
                "9".repeat(40)
            )
        );
        let long = format!("1,2\n3,{}\n", "x".repeat(41));
        assert_eq!(
            err(long.as_bytes()),
            format!(
                "line 2, column 2: {:?}... (41 bytes) is not a number",
                "x".repeat(40)
            )
        );
        assert!(err(b"a,b\n").contains("no data rows"));
        assert!(err(b"").contains("no data"));
        let negative = parse_csv(b"1,-2\n", Some(&ColumnChoice("1".into())));
        assert_eq!(negative.unwrap_err(), "line 1: weight -2 is negative");
    }

    #[test]
    fn npy_c_and_fortran_order_f8_and_f4() {
        let c: Vec<u8> = [1.0f64, 2.0, 3.0, 4.0, 5.0, 6.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let t = parse_npy_bytes(&npy("<f8", "(3, 2)", false, &c), None).unwrap();
        assert_eq!(
            (t.n_rows(), t.values.clone()),
            (3, vec![1., 2., 3., 4., 5., 6.])
        );
        let t = parse_npy_bytes(&npy("<f8", "(3, 2)", true, &c), None).unwrap();
        assert_eq!(t.values, [1., 4., 2., 5., 3., 6.]);
        let f: Vec<u8> = [1.5f32, -2.0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let t = parse_npy_bytes(&npy("<f4", "(2,)", false, &f), None).unwrap();
        assert_eq!((t.names.len(), t.values.clone()), (1, vec![1.5, -2.0]));
        let big: Vec<u8> = [1.0f64, -2.5]
            .iter()
            .flat_map(|v| v.to_be_bytes())
            .collect();
        let t = parse_npy_bytes(&npy(">f8", "(1, 2)", false, &big), None).unwrap();
        assert_eq!(t.values, [1.0, -2.5]);
    }

    #[test]
    fn npy_errors() {
        let eight: Vec<u8> = [1.0f64; 4].iter().flat_map(|v| v.to_le_bytes()).collect();
        let err = |b: Vec<u8>| parse_npy_bytes(&b, None).unwrap_err();
        assert!(err(npy("<f8", "(3, 2)", false, &eight)).contains("truncated"));
        assert!(err(npy("<i8", "(2, 2)", false, &eight)).contains("not supported"));
        assert!(err(npy("<f8", "(4294967296, 4294967296)", false, &eight)).contains("truncated"));
        let deep = format!("{}(1, 2){}", "(".repeat(60), ")".repeat(60));
        assert!(err(npy("<f8", &deep, false, &eight)).contains("nests brackets"));
        let mut claims_4_gb = npy("<f8", "(1, 2)", false, &eight);
        claims_4_gb[6] = 2;
        assert!(err(claims_4_gb).contains("truncated or corrupt"));
        assert!(err(npy("<f8", "(1, 2, 2)", false, &eight)).contains("expected 2-D"));
        assert!(err(b"PK\x03\x04".to_vec()).contains("not an NPY file"));
        let nan: Vec<u8> = [1.0, f64::NAN]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        assert!(err(npy("<f8", "(1, 2)", false, &nan)).contains("row 0, column 1"));
    }
}
