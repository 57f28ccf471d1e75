//! Every finding of the fuzzer, as a test that runs on stable:
//! `cargo test --manifest-path fuzz/Cargo.toml`.

use einsum_fuzz::check_call;

/// Finding 1: an operand-count error on an empty last term pointed one character past the end of
/// the literal (`0..1` of `""`), so the compiler had no character to underline.
#[test]
fn missing_operand_for_an_empty_literal_points_inside_it() {
    check_call("", 0, 0);
}

/// Finding 1, the same error on an empty term after a trailing comma: `2..3` of `"i,"`.
#[test]
fn missing_operand_for_a_trailing_empty_term_points_inside_the_literal() {
    check_call("i,", 1, 0);
    check_call("ij,jk,", 2, 0);
}

/// The readers of the `gmm` command on the hostile inputs of issue 18 and on what their fuzz
/// targets found: each returns an error (or a consistent table), never panics or allocates by
/// a claim.
mod readers {
    use einsum_fuzz::readers::{image, model_file, table};

    /// An NPY file (format 1.0) with `header` as its dict and `data` after it.
    fn npy(header: &str, data: &[u8]) -> Vec<u8> {
        let mut bytes = vec![255]; // no weight column
        bytes.extend(b"\x93NUMPY\x01\x00");
        bytes.extend((header.len() as u16).to_le_bytes());
        bytes.extend(header.bytes());
        bytes.extend(data);
        bytes
    }

    #[test]
    fn npy_shapes_past_u64_and_past_the_data_are_refused() {
        let err =
            |bytes: &[u8]| table::read_npy(&bytes[1..], bytes.len() as u64 - 1, None).unwrap_err();
        let header =
            "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296, 16), }\n";
        assert!(err(&npy(header, &[0; 16])).contains("expected 2-D"));
        let header =
            "{'descr': '<f8', 'fortran_order': False, 'shape': (4294967296, 4294967296), }\n";
        assert!(err(&npy(header, &[0; 16])).contains("truncated NPY data"));
        let header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000000000, 2), }\n";
        assert!(err(&npy(header, &[0; 16])).contains("truncated NPY data"));
        // a version 2 header claiming 4 GB
        assert!(err(b"\xff\x93NUMPY\x02\x00\xff\xff\xff\xff{").contains("claims 4294967295"));
    }

    #[test]
    fn model_files_claiming_more_than_they_hold_are_refused() {
        let one = r#""weights":[1.0],"means":[[0,0]],"covariances":[[[1,0],[0,1]]]"#;
        for (k, d) in [
            ("1000000000000000", "1000000000000000"),
            ("4294967296", "4294967296"),
            ("10000000000000", "2"),
        ] {
            let text = format!(
                r#"{{"format":"gmm-model","covariance_type":"full","n_components":{k},
                "n_features":{d},{one}}}"#
            );
            let err = model_file::from_json(text.as_bytes()).err().unwrap();
            assert!(err.contains(&format!("shape [{k}]")), "{err}");
        }
    }

    #[test]
    fn csv_and_images_of_nothing_are_errors() {
        assert!(table::read_csv(&b""[..], None).is_err());
        assert!(table::read_csv(&b"a,b\n1"[..], None).is_err());
        assert!(image::decode(b"\x89PNG\r\n\x1a\n").is_err());
        assert!(image::decode(b"II*\0").is_err());
    }
}

/// Finding 2 (the `npy` target, 3 inputs, each over 10 s): headers of 20 to 60 nested brackets
/// sent npyz's header parser (py_literal, a backtracking parser) into exponential time. The
/// reader now refuses a header nested deeper than 8 before parsing it.
#[test]
fn npy_headers_of_deeply_nested_brackets_are_refused_before_parsing() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/findings");
    let mut found = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if !path.to_string_lossy().contains("npy-nesting") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap();
        let start = std::time::Instant::now();
        let err = einsum_fuzz::readers::table::read_npy(&bytes[1..], bytes.len() as u64 - 1, None)
            .unwrap_err();
        assert!(err.contains("nests brackets"), "{}: {err}", path.display());
        assert!(start.elapsed().as_secs() < 1, "{}", path.display());
        einsum_fuzz::readers::check_npy(&bytes);
        found += 1;
    }
    assert_eq!(found, 3);
}

/// Finding 3 (the `image` target, 1 input of 141 bytes): a TIFF claiming rows of 4,244,570,128
/// pixels (one strip of 12 rows, 192 bytes of data) made the strip-by-strip reader reserve a
/// row of `f64` by the claimed width, 34 GB, before reading a strip. Nothing is sized by the
/// claim now; the strip itself is past the decoder's limits, an error.
#[test]
fn a_tiff_claiming_rows_of_billions_of_pixels_is_an_error_not_a_reservation() {
    use einsum_fuzz::readers::image::{self, Rows};
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/findings/image-wide-tiff");
    let bytes = std::fs::read(path).unwrap();
    let err = image::Encoded(&bytes[..])
        .for_each_row(&mut |_, _| Ok(()))
        .unwrap_err();
    assert!(err.contains("TIFF"), "{err}");
    assert!(image::decode(&bytes).is_err());
    einsum_fuzz::readers::check_image(&bytes);
}
