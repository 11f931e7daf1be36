//! `marsad gazetteer import`'s library side: a GeoNames dump written here, and the shared
//! admin-unit tables (skipped when ../shared is absent).

use std::path::PathBuf;

use marsad_geo::import::{import_paths, write_places};
use marsad_geo::Gazetteer;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("marsad-geo-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Three good rows (a village with Arabic names, a district, a town that replaces an embedded
/// place), a stream (skipped silently), and three bad lines.
const DUMP: &str = "\
9900001\tQaryat al Ikhtibar\tQaryat al Ikhtibar\tQaryat al Ikhtibar,قرية الاختبار,قريةالاختبار\t35.10000\t40.20000\tP\tPPL\tSY\t\t07\t0701\t\t\t1200\t\t200\tAsia/Damascus\t2024-01-01
9900002\tMintaqat al Ikhtibar\tMintaqat al Ikhtibar\tمنطقة الاختبار\t35.20000\t40.30000\tA\tADM2\tSY\t\t07\t0701\t\t\t0\t\t200\tAsia/Damascus\t2024-01-01
9900003\tNahr al Ikhtibar\tNahr al Ikhtibar\tنهر الاختبار\t35.3\t40.4\tH\tSTM\tSY\t\t07\t\t\t\t0\t\t200\tAsia/Damascus\t2024-01-01
this line has too few columns
9900004\tBad\tBad\t\tnorth\t40.0\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t0\tAsia/Damascus\t2024-01-01
9900005\tFar\tFar\tبعيدة\t95.0\t40.0\tP\tPPL\tSY\t\t07\t\t\t\t0\t\t0\tAsia/Damascus\t2024-01-01
170794\tDeir ez-Zor\tDeir ez-Zor\tدير الزور,ديرالزور\t35.33588\t40.14084\tP\tPPLA\tSY\t\t07\t0701\t\t\t271800\t\t200\tAsia/Damascus\t2024-01-01
";

#[test]
fn geonames_dump_with_bad_lines() {
    let dir = scratch("dump");
    std::fs::write(dir.join("SY.txt"), DUMP).unwrap();
    std::fs::write(
        dir.join("admin2Codes.txt"),
        "SY.07.0701\tDeir ez-Zor District\tDeir ez-Zor District\t1\n",
    )
    .unwrap();
    let got = import_paths(std::slice::from_ref(&dir)).unwrap();
    assert_eq!(got.records.len(), 3, "{:?}", got.records);
    assert_eq!(got.warnings.len(), 3, "{:?}", got.warnings);
    assert!(got.warnings[0].contains("SY.txt:4:"), "{:?}", got.warnings);
    assert!(got.warnings[1].contains("SY.txt:5:"), "{:?}", got.warnings);
    assert!(got.warnings[2].contains("SY.txt:6:"), "{:?}", got.warnings);
    let village = &got.records[0];
    assert_eq!(village.admin2.as_deref(), Some("Deir ez-Zor District"));
    assert!(village.names.contains(&"قرية الاختبار".to_string()));

    let out = dir.join("user/gazetteer.tsv");
    write_places(&out, &got.records).unwrap();
    let g = Gazetteer::load_user(&out).unwrap();
    assert!(g.warnings().is_empty(), "{:?}", g.warnings());
    let p = &g.geocode("قرية الاختبار", None, 1)[0];
    assert_eq!(p.name, "Qaryat al Ikhtibar");
    assert_eq!(p.admin1.as_deref(), Some("Deir ez-Zor"));
    assert_eq!(p.admin2.as_deref(), Some("Deir ez-Zor District"));
    // the user row replaced the embedded Deir ez-Zor: one place under that id
    let deir = g.geocode("دير الزور", Some("SY"), 10);
    assert_eq!(
        deir.iter().filter(|p| p.geonameid == Some(170_794)).count(),
        1
    );
    assert_eq!(deir[0].admin2.as_deref(), Some("Deir ez-Zor District"));
    // the embedded places are still there
    assert!(!g.geocode("البوكمال", None, 1).is_empty());
    // a user file's bad line is skipped with its number
    std::fs::write(
        &out,
        format!("{}broken\n", std::fs::read_to_string(&out).unwrap()),
    )
    .unwrap();
    let g = Gazetteer::load_user(&out).unwrap();
    assert_eq!(g.warnings().len(), 1);
    assert!(g.warnings()[0].contains("line 6:"), "{:?}", g.warnings());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn shared_admin_tables() {
    let shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/geo");
    if !shared.exists() {
        eprintln!("skipped: {} is absent", shared.display());
        return;
    }
    let inputs = [
        shared.join("open-syria/governorates.json"),
        shared.join("open-syria/districts.json"),
        shared.join("open-syria/subdistricts.json"),
        shared.join("iraq-cod-ab/irq_adm3_centroids.csv"),
        shared.join("yemen-cod-ab/yem_adm2_centroids.csv"),
    ];
    let got = import_paths(&inputs).unwrap();
    for (f, n) in &got.files {
        eprintln!("{}: {n}", f.display());
    }
    assert!(got.warnings.is_empty(), "{:?}", got.warnings);
    assert_eq!(got.records.len(), 14 + 62 + 272 + 294 + 335);
    let dir = scratch("shared");
    let out = dir.join("gazetteer.tsv");
    write_places(&out, &got.records).unwrap();
    let g = Gazetteer::load_user(&out).unwrap();
    assert!(g.warnings().is_empty(), "{:?}", g.warnings());
    // a Syrian subdistrict absent from the embedded gazetteer's admin units
    let sub = g.geocode("كفر نبل", Some("SY"), 10);
    let adm3 = sub
        .iter()
        .find(|p| p.feature == "ADM3")
        .expect("subdistrict imported");
    assert_eq!(adm3.admin1.as_deref(), Some("Idleb"), "{adm3:?}");
    // an Iraqi subdistrict with its ACLED admin1
    let iq = g.geocode("ابي غرق", Some("IQ"), 1);
    assert_eq!(iq[0].admin1.as_deref(), Some("Babil"), "{iq:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
