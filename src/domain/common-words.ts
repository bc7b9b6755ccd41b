/**
 * Common English words: what a story's vocabulary is not made of. The matcher takes a story's
 * own words (names and the rarer words of its opening: "amnesty", "decree", "NordLink") as
 * what tells two stories apart, and these as saying nothing about which story it is. A
 * general list (frequent words of English and of news writing), not drawn from any fixture.
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `a about above across act action actually add added after again against age ago agree ahead air all allow almost alone along already also although always
  am among amount an and announce announced another answer any anyone anything appear approve approved april are area areas around arrive as ask asked at
  attack august authorities authority available average away back bad bank base be became because become been before began begin behind being believe
  below best better between big bill billion bit black board body book both bring brought budget build building built business but buy by call called came
  campaign can capital car care case cases cause center central centre century chairman chance change charge charged charges chief child children choose
  citizens city claim claims clear close closed come comes coming committee community company complete concern conference congress consider continue
  control cost costs could council countries country county course court crime crisis cut cuts data date day days deal death december decided decision
  despite did die died different director do does done down during each early east economic economy editor education effect eight either election else
  end ended enough even evening ever every evidence example executive expect expected eye face fact fall family far february federal feel few field fight
  figure figures final finance financial find fine first five following for force foreign form former four free freed friday from full fund funding future
  game gave general get give given go going good got government great ground group groups grow growth had half hand happen hard has have having he head
  health hear heard help her here high him his history hold home homes hour hours house how however human hundred i if important in include included
  including increase independent information inside instead interest international into investigation is issue issues it its itself january job jobs
  join judge july june just keep kept kind know known labor labour land large last late later law lawyer lawyers lead leader leaders least leave left less
  let level life like likely line list little live local long look lost lot low made major make making man many march market matter may mayor me mean
  measure media meeting member members men message might military million minister ministry minutes money monday month months more morning most mother
  move much must my name national near nearly need needed needs never new news next night nine no none nor north not nothing november now number of off
  offer office officer officers official officials often old on once one only open or order organisation organization other others our out outside over
  own paid part party pass past pay people per percent period person place plan plans point police policy political poor possible post power president
  press price prices prime prison prisoner prisoners private problem process program programme project property protest protests provide public put
  question quickly raise raised range rate rather reach read real reason receive received recent record region release released remain remained report
  reported reports research resident residents result results return right rights rise rose rule ruled run said saturday saw say says school schools second
  secretary security see seen sell send sent sentence sentenced september series service services set seven several she short should show side since
  six small so social some someone something soon south speak special spend spending spokesman spokeswoman spokesperson staff start started state
  statement states still stop street strong student students such sunday support sure system take taken taking talk talks tax team term terms than that
  the their them then there these they thing things think third this those though thought thousand three through thursday time times to today together
  told too took top total toward towards town trade trial true try tuesday turn two under union until up upon us use used very vote voted wait want war
  was water way we wednesday week weeks well went were west what when where whether which while white who whole whom whose why wide will with within
  without woman women word words work worked worker workers working world would write year years yesterday yet you young your`.split(/\s+/),
);
