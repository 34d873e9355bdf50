/** Previous frame, play or pause, next frame: the buttons of every timeline (a recording's, a sequence of files'). */
export function TransportButtons({ playing, step, play, pause }: { playing: boolean; step: (by: 1 | -1) => void; play: () => void; pause: () => void }) {
  return (
    <>
      <button type="button" aria-label="Previous frame" onClick={() => step(-1)}>
        ◀
      </button>
      {playing ? (
        <button type="button" aria-label="Pause" onClick={pause}>
          ❚❚
        </button>
      ) : (
        <button type="button" aria-label="Play" onClick={play}>
          ▶
        </button>
      )}
      <button type="button" aria-label="Next frame" onClick={() => step(1)}>
        ▶❘
      </button>
    </>
  );
}
